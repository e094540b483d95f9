-- Inbound crossings in calendar year $year at the ports $port_codes, by measure: total, months with a figure, ports reporting.
SELECT measure,
       sum(value) AS total,
       count(DISTINCT date) AS months_reported,
       count(DISTINCT port_code) AS ports_reporting
FROM crossings
WHERE list_contains(CAST($port_codes AS VARCHAR[]), port_code)
  AND year(date) = CAST($year AS INTEGER)
GROUP BY measure
ORDER BY total DESC
