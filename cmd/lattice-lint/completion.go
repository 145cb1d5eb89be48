package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// commands are the subcommands completion offers, in usage order.
var commands = []string{"lint", "model", "rules", "explain", "diagram", "diff", "reach", "version", "completion", "help"}

// Completion scripts ask `lattice-lint COMMAND -h` for the flags while the
// user types, so they never go stale when a flag is added; paths complete as
// files. %[1]s is the command list.
const (
	bashCompletion = `# bash completion for lattice-lint: source <(lattice-lint completion bash)
_lattice_lint() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "%[1]s" -- "$cur"))
    return
  fi
  case "${COMP_WORDS[1]}" in
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
    help) COMPREPLY=($(compgen -W "%[1]s" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    local flags
    flags=$("${COMP_WORDS[0]}" "${COMP_WORDS[1]}" -h 2>&1 | sed -n 's/^  -\([a-z0-9][a-z0-9-]\+\).*/--\1/p; s/^  -\([a-z0-9]\)\b.*/-\1/p')
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -o bashdefault -F _lattice_lint lattice-lint
`
	zshCompletion = `#compdef lattice-lint
# zsh completion for lattice-lint: lattice-lint completion zsh > "${fpath[1]}/_lattice-lint"
# (or source <(lattice-lint completion zsh)); it reuses the bash completion.
autoload -U +X bashcompinit && bashcompinit
`
	fishCompletion = `# fish completion for lattice-lint: lattice-lint completion fish > ~/.config/fish/completions/lattice-lint.fish
function __lattice_lint_flags
    set -l words (commandline -opc)
    lattice-lint $words[2] -h 2>&1 | string replace -rf '^  -([a-z0-9][a-z0-9-]+).*' -- '--$1'
end
complete -c lattice-lint -f -n __fish_use_subcommand -a '%[1]s'
complete -c lattice-lint -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
complete -c lattice-lint -n 'not __fish_use_subcommand; and string match -q -- "-*" (commandline -ct)' -f -a '(__lattice_lint_flags)'
complete -c lattice-lint -n 'not __fish_use_subcommand; and not string match -q -- "-*" (commandline -ct)' -F
`
)

// runCompletion prints the completion script of a shell.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("completion", flag.ContinueOnError)
	out := outputFlag(fs, "the script")
	fs.Usage = usageFor("completion", "completion [-o FILE] bash|zsh|fish", fs, stderr)
	shells, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	if len(shells) != 1 {
		fmt.Fprintln(stderr, "lattice-lint: completion: want one shell: bash, zsh or fish")
		return exitError
	}
	list := strings.Join(commands, " ")
	var script string
	switch shells[0] {
	case "bash":
		script = fmt.Sprintf(bashCompletion, list)
	case "zsh":
		script = zshCompletion + fmt.Sprintf(strings.SplitN(bashCompletion, "\n", 2)[1], list)
	case "fish":
		script = fmt.Sprintf(fishCompletion, list)
	default:
		fmt.Fprintf(stderr, "lattice-lint: completion: unknown shell %q (want bash, zsh or fish)\n", shells[0])
		return exitError
	}
	if err := emit(*out, nil, stdout, func(w io.Writer) error { _, err := io.WriteString(w, script); return err }); err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	return exitOK
}
