-- Monthly encounters of one sector (or 'Southwest border', the printed total) for the chosen measures from $start to $end; a month with no row is no data.
SELECT date, fiscal_year, measure, encounters, source
FROM encounters
WHERE sector = $sector
  AND list_contains(CAST($measures AS VARCHAR[]), measure)
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
ORDER BY measure, date
