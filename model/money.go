package model

import "fmt"

// Fen is money in fen (1 yuan = 100 fen), stored as an integer so sums are exact.
type Fen int64

// Yuan formats as yuan with two decimals, e.g. "1150000.00".
func (f Fen) Yuan() string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	return fmt.Sprintf("%s%d.%02d", sign, f/100, f%100)
}

// Wan is the amount in 万元 as a float, for reports ("115万元").
func (f Fen) Wan() float64 { return float64(f) / 1e6 }
