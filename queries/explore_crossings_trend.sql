-- Yearly inbound crossings at the ports $port_codes summed over $measures, with the months reported (a year is complete when every port-month is there).
SELECT year(date) AS year,
       sum(value) AS total,
       count(DISTINCT date) AS months,
       count(DISTINCT port_code) AS ports
FROM crossings
WHERE list_contains(CAST($port_codes AS VARCHAR[]), port_code)
  AND list_contains(CAST($measures AS VARCHAR[]), measure)
GROUP BY 1
ORDER BY 1
