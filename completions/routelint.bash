# bash completion for routelint                                -*- shell-script -*-
_routelint() {
  local cur prev words cword
  _init_completion || return
  local commands="check routes trace graph rules"
  local options="-f --format -o --output -c --config -p --parameters --fail-on --select --ignore -j --jobs
    --strict --estate --baseline --write-baseline -q --quiet --show-source -v --verbose --link-map --bicep
    --bgp-routes --subnet --from --to --color -h --help -V --version"
  local command=check word
  for word in "${words[@]:1:cword-1}"; do
    case $word in check | routes | trace | graph | rules) command=$word; break ;; esac
  done
  case $prev in
    -f | --format)
      case $command in
        routes) COMPREPLY=($(compgen -W "text json csv" -- "$cur")) ;;
        trace) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        graph) COMPREPLY=($(compgen -W "dot mermaid" -- "$cur")) ;;
        rules) COMPREPLY=($(compgen -W "text json markdown" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "text json sarif github markdown html" -- "$cur")) ;;
      esac
      return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning note none" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --select | --ignore)
      COMPREPLY=($(compgen -W "$(routelint rules 2>/dev/null | awk '{print $1, $2}')" -- "$cur")); return ;;
    -c | --config) _filedir toml; return ;;
    -o | --output | --baseline | --write-baseline | --bgp-routes | -p | --parameters | --bicep) _filedir; return ;;
    --estate) _filedir -d; return ;;
    -j | --jobs | --subnet | --from | --to | --link-map) return ;;
  esac
  if [[ $command == rules && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "$(routelint rules 2>/dev/null | awk '{print $1, $2}')" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif ((cword == 1)); then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    _filedir
  else
    _filedir
  fi
} && complete -F _routelint routelint
