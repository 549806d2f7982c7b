package workbook

import (
	"runtime"
	"sync"

	"taizhang/storage/workbook/xlsxscan"
)

// Before its first row is parsed, reading a workbook scans whole parts:
// each sheet's merged ranges (mergesOf: they follow the cells, so the part
// is inflated to its end) and each list sheet, for its order
// (openListSheet). One after another they kept one core busy and the other
// idle; a Taizhang export of 100,000 tasks spent 0.8 s so before its first
// row. startScans begins them all at once, each on a goroutine of its
// own, and the reading takes each result where it took it before, in the
// same order, so what is read, refused or reported is unchanged.
type scans struct {
	wg     sync.WaitGroup
	slots  chan struct{}         // scans running at once: a workbook may have hundreds of sheets
	merges map[string]*mergeScan // by sheet name
	lists  map[string]*listScan
}

type mergeScan struct {
	done   chan struct{}
	ranges []xlsxscan.Merge
	err    error
}

type listScan struct {
	done  chan struct{}
	l     *listSheet
	err   error
	taken bool
}

// startScans starts the scans of the sheets (none is waited for here).
func (r *reader) startScans(sheets []xlsxscan.Sheet) {
	r.scans = &scans{merges: map[string]*mergeScan{}, lists: map[string]*listScan{},
		slots: make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))}
	for _, bs := range sheets {
		if bs.Part == nil || bs.Name == metaSheet || bs.Name == listsSheet {
			continue
		}
		_, exported := r.exported[bs.Part.Name]
		if _, ok := knownMerges.get(mergeKey{r.res.Report.SHA256, bs.Part.Name}); !ok && !exported {
			m := &mergeScan{done: make(chan struct{})}
			r.scans.merges[bs.Name] = m
			r.scans.start(m.done, func() { m.ranges, m.err = xlsxscan.Merges(bs.Part) })
		}
		l := &listScan{done: make(chan struct{})}
		r.scans.lists[bs.Name] = l
		r.scans.start(l.done, func() { l.l, l.err = r.openListSheet(bs) })
	}
}

// start runs scan on a goroutine of its own once a slot is free, and
// closes done after it.
func (s *scans) start(done chan struct{}, scan func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(done)
		s.slots <- struct{}{}
		defer func() { <-s.slots }()
		scan()
	}()
}

// listSheetOf is openListSheet's result for the sheet, from its scan if
// one was started.
func (r *reader) listSheetOf(bs xlsxscan.Sheet) (*listSheet, error) {
	if r.scans != nil {
		if l, ok := r.scans.lists[bs.Name]; ok {
			<-l.done
			l.taken = true
			return l.l, l.err
		}
	}
	return r.openListSheet(bs)
}

// scannedMerges is the sheet's merged ranges from its scan, if one was
// started (ok false otherwise).
func (r *reader) scannedMerges(bs xlsxscan.Sheet) (ranges []xlsxscan.Merge, err error, ok bool) {
	if r.scans == nil {
		return nil, nil, false
	}
	m, ok := r.scans.merges[bs.Name]
	if !ok {
		return nil, nil, false
	}
	<-m.done
	return m.ranges, m.err, true
}

// stopScans waits for every scan to end, closing the list sheets nobody
// took (a read that failed before it reached them).
func (r *reader) stopScans() {
	if r.scans == nil {
		return
	}
	r.scans.wg.Wait()
	for _, l := range r.scans.lists {
		if !l.taken && l.l != nil {
			l.l.close()
		}
	}
}
