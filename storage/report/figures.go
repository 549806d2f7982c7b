package report

import "taizhang/model"

func pick(lang, zh, en string) string { return model.T(zh, en).In(lang) }
