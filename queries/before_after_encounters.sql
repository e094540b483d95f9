-- Monthly Border Patrol counts of the listed sectors ($sectors: CBP names, or ['Southwest border'] for the printed southwest total) under one measure from $start to $end; a month with no row is no data.
SELECT sector AS unit,
       date,
       encounters::BIGINT AS value
FROM encounters
WHERE list_contains(CAST($sectors AS VARCHAR[]), sector)
  AND measure = $measure
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
ORDER BY date, sector
