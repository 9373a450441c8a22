#!/usr/bin/env bash
# build/docs.sh GENERATOR DIR: writes what every package ships beside the binary, made by ssh-doctor itself from its
# command definitions and catalogue: man/man1/ssh-doctor.1 and man/ja/man1/ssh-doctor.1 (gzip'd), and the completions
# completions/ssh-doctor.bash, completions/_ssh-doctor (zsh), completions/ssh-doctor.fish.
# GENERATOR is an ssh-doctor that runs on this machine (for an arm64 package built on x64: the x64 binary).
set -euo pipefail
generator=$1 dir=$2
mkdir -p "$dir/man/man1" "$dir/man/ja/man1" "$dir/completions"
"$generator" manpage --lang en | gzip -9n >"$dir/man/man1/ssh-doctor.1.gz"
"$generator" manpage --lang ja | gzip -9n >"$dir/man/ja/man1/ssh-doctor.1.gz"
"$generator" completion bash >"$dir/completions/ssh-doctor.bash"
"$generator" completion zsh >"$dir/completions/_ssh-doctor"
"$generator" completion fish >"$dir/completions/ssh-doctor.fish"
