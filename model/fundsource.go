package model

// ClassifyFundSource maps a typed fund source to its key by meaning (the
// cues of FundSources); what it cannot place, or places two ways, goes
// under "other" (reports list those).
func ClassifyFundSource(text string) FundSource {
	if m := FundSources.Match(text); m.OK() {
		return m.Value
	}
	return "other"
}
