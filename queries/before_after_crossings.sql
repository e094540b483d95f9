-- Monthly inbound crossings of the listed ports ($port_codes, BTS codes) under one measure from $start to $end; a month with no row is no data.
SELECT port_code AS unit,
       date,
       value::BIGINT AS value
FROM crossings
WHERE list_contains(CAST($port_codes AS VARCHAR[]), port_code)
  AND measure = $measure
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
ORDER BY date, port_code
