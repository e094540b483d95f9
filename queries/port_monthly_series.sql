-- Monthly series of one port for the chosen measures (months with no row are absent: no data).
SELECT date, measure, value
FROM crossings
WHERE port_code = $port_code
  AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
  AND list_contains(CAST($measures AS VARCHAR[]), measure)
ORDER BY date, measure
