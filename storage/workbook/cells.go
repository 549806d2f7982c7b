// Cell values that are not a record's own: date serials and ISO cells,
// plain numbers, the hidden _due cell, dates a status carries, and a
// row's changes to its sheet's field list.

package workbook

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"taizhang/model"
)

// serialValue reports whether a raw cell value is a date serial: a number
// (date cells are stored as numbers) in the range of real dates. A number
// like 2019.6 typed into a general cell is a year and month, not a serial.
func serialValue(v string) (float64, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !isPlainNumber(v) {
		return 0, false
	}
	if f >= 1900 && f < 2200 && f != float64(int64(f)) {
		return 0, false
	}
	// up to 2199-12-31 (109574): 201903 is 2019年3月 typed as a number,
	// not a day in the year 2452
	return f, f >= 3000 && f <= 109574
}

// notDateNumber refuses a number cell far below any date serial: 6.30
// typed into a General cell arrives as 6.3, and reading it as 6月3日 would
// be a silent wrong date.
func notDateNumber(v string, numeric bool) error {
	if !numeric {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f >= 1000 {
		return nil
	}
	return &cellError{model.T(
		fmt.Sprintf("数字 %s 不是日期：请将单元格设为日期格式或输入 2019年6月30日", v),
		fmt.Sprintf("the number %s is not a date: format the cell as a date or type 2019年6月30日", v))}
}

// isoDateTime reads the ISO 8601 value of a t="d" date cell.
func isoDateTime(v string) (model.Date, bool) {
	if len(v) < 11 || v[10] != 'T' {
		return model.Date{}, false
	}
	d, err := model.ParseISO(v[:10])
	return d, err == nil
}

func isPlainNumber(v string) bool {
	if v == "" {
		return false
	}
	dot := false
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		case c == '-' && i == 0:
		case c == 'E' || c == 'e' || c == '+':
		default:
			return false
		}
	}
	return true
}

// cellError is a bad cell explained in both languages.
type cellError struct{ model.Text }

func (e *cellError) Error() string { return e.En }

func (e *cellError) Reason(lang string) string { return e.In(lang) }

// dueCell is the hidden _due cell of a deadline: its resolved date and the
// text it was resolved from.
func dueCell(d model.Deadline) string {
	if d.Due.IsZero() {
		return ""
	}
	return d.Due.String() + " " + d.Text
}

// splitDue reads a _due cell written by dueCell.
func splitDue(v string) (model.Date, string, bool) {
	v = strings.TrimSpace(v)
	if len(v) < 10 {
		return model.Date{}, "", false
	}
	d, err := model.ParseISO(v[:10])
	if err != nil || d.IsZero() {
		return model.Date{}, "", false
	}
	return d, strings.TrimSpace(v[10:]), true
}

// statusDates are the date fields a status typed with a date fills
// (已办结（2019.6.30）): the day the stated status was reached.
var statusDates = map[model.Kind]map[string]string{
	model.KindTask:     {"done": "done_on", "closed": "closed_on", "withdrawn": "closed_on"},
	model.KindProposal: {"replied": "replied_on"},
	model.KindProblem:  {"resolved": "resolved_on"},
	model.KindProject:  {"done": "finish_on"},
}

var reDateIn = regexp.MustCompile(`\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日`)

// rowFields are one row's changes to its sheet's field list: a word kept
// as typed leaves its field alone; a percent read from a status fills it.
type rowFields struct{ drop, add []string }

func (rf *rowFields) fieldsOf(sheet []string) []string {
	if len(rf.drop) == 0 && len(rf.add) == 0 {
		return sheet
	}
	out := make([]string, 0, len(sheet)+len(rf.add))
	for _, f := range sheet {
		if !slices.Contains(rf.drop, f) {
			out = append(out, f)
		}
	}
	for _, f := range rf.add {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// fieldSet is the field list of rows that made the same changes.
type fieldSet struct{ drop, add, fields []string }

// fieldsOf is a row's field list: the sheet's, or, for rows with changes,
// one list shared by the rows that made the same ones (a sheet's rows make
// few kinds of change; every row of a returned ledger adds its report).
// Shared lists are clipped, so a caller's append copies.
func (s *sheetReader) fieldsOf(rf rowFields) []string {
	if len(rf.drop) == 0 && len(rf.add) == 0 {
		return s.fields
	}
	for _, fs := range s.fieldSets {
		if slices.Equal(fs.drop, rf.drop) && slices.Equal(fs.add, rf.add) {
			return fs.fields
		}
	}
	f := slices.Clip(rf.fieldsOf(s.fields))
	if len(s.fieldSets) < 32 {
		s.fieldSets = append(s.fieldSets, fieldSet{slices.Clone(rf.drop), slices.Clone(rf.add), f})
	}
	return f
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
