#!/usr/bin/env zsh
# complete.zsh FPATH_DIR LINE: prints the candidates zsh's completion system offers at the end of LINE, one per line.
# zsh completes only inside its line editor, so an interactive `zsh -f` runs on a pseudo-terminal (zsh/zpty), with
# compinit and FPATH_DIR in $fpath; compadd is wrapped to print, marked, what each call adds. After the Tab, the
# marker "#DONE" is typed: once the editor echoes it, the completion has finished.
zmodload zsh/zpty || exit 2
zpty -b capture zsh -f -i
zpty -w capture "PS1=''; fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w capture 'compadd() { local -a added; builtin compadd -O added "$@"; (( $#added )) && print -rl -- "${added[@]/#/CANDIDATE:}"; builtin compadd "$@"; }'
zpty -w capture 'zstyle ":completion:*" list-grouped false; bindkey "^I" complete-word'
zpty -w capture 'print -r -- "READY"'
local out chunk all=""
zpty -r -m capture out '*READY*READY*' || { print -u2 "zsh did not start"; exit 2; }
zpty -w -n capture "$2"$'\t'
zpty -w -n capture $'\C-e'" #DONE"
integer deadline=$(( SECONDS + 60 ))
while (( SECONDS < deadline )); do
  if zpty -r -t capture chunk; then
    all+=$chunk
    [[ $all == *'#DONE'* ]] && break
  else
    sleep 0.1
  fi
done
zpty -d capture
[[ $all == *'#DONE'* ]] || { print -u2 "no answer from zsh within 60 s"; exit 2; }
print -r -- "$all" | tr -d '\r' | sed -n 's/.*CANDIDATE:\(.*\)/\1/p' | sort -u
