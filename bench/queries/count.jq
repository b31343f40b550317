# * | stats count  (jq -n -c over JSON lines)
reduce inputs as $e (0; . + 1) | {"count": .}
