#!/bin/bash
# A provided-runtime bootstrap for the burst benchmark that starts no other process: HTTP over bash's /dev/tcp,
# the 1 s sleep as a read timeout. A curl-based bootstrap forks ~10 processes per event, which on 2 cores
# measures fork(), not Lambda. Deploy it as `bootstrap` (provided.al2023); every event sleeps 1 s and echoes.
host=${AWS_LAMBDA_RUNTIME_API%:*}
port=${AWS_LAMBDA_RUNTIME_API#*:}
base=/2018-06-01/runtime
exec 7<> <(:)   # a pipe nobody writes to: `read -t` on it is a sleep without a fork
while true; do
  exec 3<>"/dev/tcp/$host/$port"
  printf 'GET %s/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n' "$base" "$host" >&3
  length=0 id=
  while IFS= read -r line <&3; do
    line=${line%$'\r'}
    [[ -z $line ]] && break
    case ${line,,} in
      content-length:*) length=${line#*: } ;;
      lambda-runtime-aws-request-id:*) id=${line#*: } ;;
    esac
  done
  event=
  (( length > 0 )) && read -r -N "$length" event <&3
  exec 3<&-
  read -r -t 1 <&7
  body="{\"slept\":1,\"event\":$event}"
  exec 3<>"/dev/tcp/$host/$port"
  printf 'POST %s/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$base" "$id" "$host" "${#body}" "$body" >&3
  while IFS= read -r line <&3; do [[ -z ${line%$'\r'} ]] && break; done
  exec 3<&-
done
