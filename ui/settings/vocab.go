package settings

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
)

// Vocabulary is the value dictionary section: the words the office taught
// (field, word, value), a line to teach one more, and a delete on each
// word. A deleted word is a deleted Term record, in the history like any.
type Vocabulary struct {
	st      Store
	run     *common.Runner
	by      func() string
	vocabs  []model.Vocab
	terms   []*model.Term
	field   *widget.Select
	word    *widget.Entry
	value   *widget.Select
	add     *widget.Button
	list    *widget.List
	message *widget.Label
	content fyne.CanvasObject
}

func newVocabulary(st Store, run *common.Runner, by func() string) *Vocabulary {
	v := &Vocabulary{st: st, run: run, by: by, vocabs: model.Vocabs(), message: widget.NewLabel("")}
	v.message.Wrapping = common.Wrap()
	titles := make([]string, len(v.vocabs))
	for i, vc := range v.vocabs {
		titles[i] = vc.Title(common.LangCode())
	}
	v.value = widget.NewSelect(nil, nil)
	v.value.PlaceHolder = lang.L("vocab.pick_value")
	v.field = widget.NewSelect(titles, func(string) { v.fillValues() })
	v.field.PlaceHolder = lang.L("vocab.pick_field")
	v.word = widget.NewEntry()
	v.word.SetPlaceHolder(lang.L("vocab.word_hint"))
	v.add = widget.NewButton(lang.L("action.add"), v.Add)
	v.add.Importance = widget.HighImportance
	v.list = widget.NewList(func() int { return len(v.terms) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("action.remove"), nil), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			t := v.terms[i]
			c.Objects[0].(*widget.Label).SetText(termLine(t))
			c.Objects[1].(*widget.Button).OnTapped = func() { v.Remove(t) }
		})
	intro := widget.NewLabel(lang.L("vocab.intro"))
	intro.Wrapping = common.Wrap()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("vocab.field"), v.field),
		widget.NewFormItem(lang.L("vocab.word"), v.word),
		widget.NewFormItem(lang.L("vocab.value"), v.value))
	v.content = container.NewBorder(container.NewVBox(intro, form, container.NewHBox(v.add), v.message, widget.NewSeparator()),
		nil, nil, nil, v.list)
	v.Reload()
	return v
}

func (v *Vocabulary) Content() fyne.CanvasObject { return v.content }

// Lines are the taught words as listed: field, word → value label.
func (v *Vocabulary) Lines() []string {
	out := make([]string, len(v.terms))
	for i, t := range v.terms {
		out[i] = termLine(t)
	}
	return out
}

// Message is the outcome of the last add or delete.
func (v *Vocabulary) Message() string { return v.message.Text }

func termLine(t *model.Term) string {
	field, value := t.Of, t.Value
	if vc, ok := model.VocabOf(t.Of); ok {
		field, value = vc.Title(common.LangCode()), vc.Label(t.Value, common.LangCode())
	}
	return lang.L("vocab.line", map[string]any{"Field": field, "Word": t.Word, "Value": value})
}

// fillValues offers the chosen field's values, labelled in the UI's language.
func (v *Vocabulary) fillValues() {
	var labels []string
	if i := v.field.SelectedIndex(); i >= 0 {
		for _, val := range v.vocabs[i].Values() {
			labels = append(labels, v.vocabs[i].Label(val, common.LangCode()))
		}
	}
	v.value.ClearSelected()
	v.value.SetOptions(labels)
}

// Reload lists the taught words, in field order, then by word.
func (v *Vocabulary) Reload() {
	recs, err := v.st.List(context.Background(), storage.Query{Kind: model.KindTerm})
	if err != nil {
		v.message.SetText(common.ErrorText(err))
		return
	}
	order := map[string]int{}
	for i, vc := range v.vocabs {
		order[vc.ID] = i
	}
	v.terms = v.terms[:0]
	for _, r := range recs {
		if t, ok := r.(*model.Term); ok && !t.Deleted {
			v.terms = append(v.terms, t)
		}
	}
	slices.SortFunc(v.terms, func(a, b *model.Term) int {
		return cmp.Or(cmp.Compare(order[a.Of], order[b.Of]), strings.Compare(a.Word, b.Word))
	})
	v.list.Refresh()
}

// Add teaches the word typed for the field and value chosen.
func (v *Vocabulary) Add() {
	i, j := v.field.SelectedIndex(), v.value.SelectedIndex()
	word := strings.TrimSpace(v.word.Text)
	if i < 0 || j < 0 || word == "" {
		v.message.SetText(lang.L("vocab.incomplete"))
		return
	}
	vc := v.vocabs[i]
	value, label := vc.Values()[j], v.value.Selected
	v.run.Go(func() func() {
		_, err := v.st.Teach(context.Background(), vc.ID, word, value, v.by())
		return func() {
			if err != nil {
				v.message.SetText(lang.L("vocab.failed", map[string]any{"Error": common.ErrorText(err)}))
				return
			}
			v.word.SetText("")
			v.message.SetText(lang.L("vocab.added", map[string]any{"Word": word, "Value": label}))
			v.Reload()
		}
	})
}

// Remove deletes a taught word: later imports keep it as typed again.
func (v *Vocabulary) Remove(t *model.Term) {
	v.run.Go(func() func() {
		err := v.st.Delete(context.Background(), t.ID, v.by())
		return func() {
			if err != nil {
				v.message.SetText(lang.L("vocab.failed", map[string]any{"Error": common.ErrorText(fmt.Errorf("delete %q: %w", t.Word, err))}))
				return
			}
			v.message.SetText(lang.L("vocab.removed", map[string]any{"Word": t.Word}))
			v.Reload()
		}
	})
}
