-- Inbound crossings per calendar year and measure at the ports $port_codes: total, months with a figure, ports reporting.
SELECT year(date) AS year,
       measure,
       sum(value) AS total,
       count(DISTINCT date) AS months_reported,
       count(DISTINCT port_code) AS ports_reporting
FROM crossings
WHERE list_contains(CAST($port_codes AS VARCHAR[]), port_code)
GROUP BY ALL
ORDER BY year, total DESC
