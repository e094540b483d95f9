-- Ports ranked by their total for the chosen measures and month range (ports with data only).
SELECT p.port_name,
       p.us_state,
       p.mx_city,
       sum(c.value) AS total,
       count(DISTINCT c.date) AS months_reported
FROM crossings AS c
JOIN ports AS p USING (port_code)
WHERE c.date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
  AND c.year BETWEEN year(CAST($start AS DATE)) AND year(CAST($end AS DATE))  -- only those years' files
  AND list_contains(CAST($measures AS VARCHAR[]), c.measure)
  AND list_contains(CAST($states AS VARCHAR[]), p.us_state)
GROUP BY p.port_name, p.us_state, p.mx_city
ORDER BY total DESC, p.port_name
LIMIT $limit
