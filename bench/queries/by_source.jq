# * | stats count by eventSource  (jq -n -c over JSON lines)
reduce (inputs | .eventSource | select(. != null)) as $s ({}; .[$s] += 1)
| to_entries | sort_by(.key)[] | {"eventSource": .key, "count": .value}
