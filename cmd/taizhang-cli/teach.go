package main

import (
	"context"
	"flag"
	"fmt"

	"taizhang/model"
)

// cmdTeach adds a word to the value dictionary (词汇对照): from then on the
// word maps to the value in every import, from the CLI and the GUI alike.
// Without arguments it lists the fields and their values.
func (e *env) cmdTeach(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("teach", flag.ContinueOnError)
	as := fs.String("as", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		for _, v := range model.Vocabs() {
			fmt.Fprintf(e.out, "%s\t%s\t", v.ID, v.Title(e.lang))
			for i, val := range v.Values() {
				if i > 0 {
					fmt.Fprint(e.out, " ")
				}
				fmt.Fprintf(e.out, "%s=%s", val, v.Label(val, e.lang))
			}
			fmt.Fprintln(e.out)
		}
		return nil
	}
	if err := wantArgs("teach", pos, 3, 3, "FIELD WORD VALUE"); err != nil {
		return err
	}
	field, word, value := pos[0], pos[1], pos[2]
	v, ok := model.VocabOf(field)
	if !ok {
		return &usageError{"没有字段 " + field + "（不带参数运行 teach 可列出字段）", "no field " + field + " (run teach without arguments to list them)"}
	}
	// The value may be given by its label in either language.
	for _, val := range v.Values() {
		if value == v.Label(val, "zh") || value == v.Label(val, "en") {
			value = val
		}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := st.Teach(ctx, v.ID, word, value, operator(*as))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.out, e.pick(
		fmt.Sprintf("已记住：%s 中的“%s”视为“%s”", v.Title("zh"), t.Word, v.Label(t.Value, "zh")),
		fmt.Sprintf("learned: %q in %s means %s", t.Word, v.Title("en"), v.Label(t.Value, "en"))))
	return nil
}
