package storage

import "context"

// Progress is how far a long import has come: Stage "read" (rows read from
// the workbooks; Total 0 while unknown), "plan" (rows decided against the
// store) or "apply" (rows written; nothing is kept until the last).
type Progress struct {
	Stage       string
	Done, Total int
}

type progressKey struct{}

// WithProgress returns a context whose imports report to fn, from the
// goroutine doing the work, every few hundred rows and at each stage's end.
// Cancelling the context stops the import at the next row, with nothing
// changed.
func WithProgress(ctx context.Context, fn func(Progress)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// progressEvery is how many rows pass between reports.
const progressEvery = 500

// report calls the context's progress function, if any, every
// progressEvery rows and at the end (done == total).
func report(ctx context.Context, stage string, done, total int) {
	fn, _ := ctx.Value(progressKey{}).(func(Progress))
	if fn != nil && (done%progressEvery == 0 || done == total) {
		fn(Progress{Stage: stage, Done: done, Total: total})
	}
}

// ReportProgress lets the callers that read the workbooks report through
// the same function.
func ReportProgress(ctx context.Context, p Progress) {
	if fn, _ := ctx.Value(progressKey{}).(func(Progress)); fn != nil {
		fn(p)
	}
}
