package main

import (
	"flag"
	"io"
	"strings"
)

// parseFlags parses fs over args where flags and positional arguments mix
// (`list tasks --json` and `list --json tasks` both work), returning the
// positional ones. Errors are usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			msg := strings.TrimSpace(err.Error())
			return nil, &usageError{fs.Name() + "：" + msg, fs.Name() + ": " + msg}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// wantArgs checks the number of positional arguments.
func wantArgs(cmd string, pos []string, min, max int, what string) error {
	if len(pos) < min || len(pos) > max {
		return &usageError{cmd + " 的参数应为：" + what, cmd + " expects: " + what}
	}
	return nil
}
