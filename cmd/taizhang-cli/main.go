// Command taizhang-cli is the desktop app's engine without a window:
// import, export, report, backup and check, as docs/CLI.md fixes them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"taizhang/model"
	"taizhang/storage"
)

// Exit codes (docs/CLI.md).
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	storage.LimitMemory()
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// env is what every command gets: where the data lives, the language of
// messages, and the output streams.
type env struct {
	dataFlag string
	lang     string
	out      io.Writer
	errOut   io.Writer
}

// usageError is a bad command line: exit 2 with a one-line message.
type usageError struct{ zh, en string }

func (e *usageError) Error() string             { return e.en }
func (e *usageError) Reason(lang string) string { return model.T(e.zh, e.en).In(lang) }

// failure is an error already reported to stderr line by line: exit 1.
type failure struct{ err error }

func (e *failure) Error() string { return e.err.Error() }

func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	e := &env{lang: defaultLang(), out: out, errOut: errOut}
	args, err := e.globalFlags(args)
	if err == nil && len(args) == 0 {
		err = &usageError{"缺少命令；可用命令：" + commandList, "missing command; commands: " + commandList}
	}
	if err == nil {
		err = e.dispatch(ctx, args[0], args[1:])
	}
	var ue *usageError
	var fe *failure
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(errOut, "taizhang-cli: "+ue.Reason(e.lang))
		return exitUsage
	case errors.As(err, &fe):
		return exitError
	default:
		fmt.Fprintln(errOut, "taizhang-cli: "+oneLine(e.localize(err)))
		return exitError
	}
}

const commandList = "version import export template list conflicts resolve teach report backup restore check units review"

func (e *env) dispatch(ctx context.Context, cmd string, args []string) error {
	switch cmd {
	case "version":
		return e.cmdVersion(args)
	case "list":
		return e.cmdList(ctx, args)
	case "backup":
		return e.cmdBackup(ctx, args)
	case "restore":
		return e.cmdRestore(ctx, args)
	case "check":
		return e.cmdCheck(ctx, args)
	case "import":
		return e.cmdImport(ctx, args)
	case "export":
		return e.cmdExport(ctx, args)
	case "template":
		return e.cmdTemplate(ctx, args)
	case "conflicts":
		return e.cmdConflicts(ctx, args)
	case "resolve":
		return e.cmdResolve(ctx, args)
	case "report":
		return e.cmdReport(ctx, args)
	case "units":
		return e.cmdUnits(ctx, args)
	case "review":
		return e.cmdReview(ctx, args)
	case "teach":
		return e.cmdTeach(ctx, args)
	case "help", "-h", "--help":
		fmt.Fprintln(e.out, usageText)
		return nil
	}
	return &usageError{"未知命令 " + cmd + "；可用命令：" + commandList,
		"unknown command " + cmd + "; commands: " + commandList}
}

// globalFlags takes --data and --lang from before the command.
func (e *env) globalFlags(args []string) ([]string, error) {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		switch name {
		case "data", "lang":
		case "h", "help":
			return []string{"help"}, nil
		default:
			return nil, &usageError{"未知选项 " + args[0], "unknown option " + args[0]}
		}
		if !hasValue {
			if len(args) < 2 {
				return nil, &usageError{"选项 --" + name + " 需要一个值", "option --" + name + " needs a value"}
			}
			value, args = args[1], args[1:]
		}
		args = args[1:]
		if name == "data" {
			e.dataFlag = value
		} else if value == "zh" || value == "en" {
			e.lang = value
		} else {
			return nil, &usageError{"--lang 只能是 zh 或 en", "--lang must be zh or en"}
		}
	}
	return args, nil
}

// defaultLang reads the environment as Fyne does; Chinese when unknown.
func defaultLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "en") {
				return "en"
			}
			return "zh"
		}
	}
	return "zh"
}

func (e *env) pick(zh, en string) string { return model.T(zh, en).In(e.lang) }

// localize is err in the user's language: SQLite's and the system's
// errors are explained (storage.Explain), never shown raw. TAIZHANG_DEBUG=1
// adds the raw chain for technical staff.
func (e *env) localize(err error) string {
	text := model.Localize(storage.Explain(err), e.lang)
	if os.Getenv("TAIZHANG_DEBUG") == "1" {
		text += " [" + err.Error() + "]"
	}
	return text
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (e *env) cmdVersion(args []string) error {
	if len(args) > 0 {
		return &usageError{"version 不接受参数", "version takes no arguments"}
	}
	fmt.Fprintln(e.out, "taizhang-cli "+version)
	return nil
}

const usageText = `taizhang-cli [--data DIR] [--lang zh|en] COMMAND …
  version
  import   [--dry-run] [--partial] [--as NAME] [--json] FILE.xlsx...
  export   [--kind KIND] [--unit NAME] [--changed-since YYYY-MM-DD] [--password PW] OUT.xlsx
  template [--kind KIND] OUT.xlsx
  list     KIND [--query TEXT] [--status S] [--unit NAME] [--json]
  conflicts [--json]
  resolve  CONFLICT_ID --keep local|incoming
  teach    [FIELD WORD VALUE]
  report summary --from YYYY-MM-DD --to YYYY-MM-DD [--json]
  report monthly   --month YYYY-MM OUT.xlsx
  report quarterly --quarter YYYYQn OUT.xlsx
  report period    --from YYYY-MM-DD --to YYYY-MM-DD OUT.xlsx
  backup   [OUT.db]
  restore  FILE.db
  check
  units merge FROM INTO
  review   TASK REPORT_ID --accept|--return REASON`
