-- Each mapped port's total per month for the chosen measures, states and months: the page fixes an animation's
-- colour and size scales over these, so frames compare. Months a port did not report are absent (no data).
SELECT c.port_code,
       c.date,
       sum(c.value) AS total
FROM crossings AS c
JOIN ports AS p USING (port_code)
WHERE c.date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
  AND c.year BETWEEN year(CAST($start AS DATE)) AND year(CAST($end AS DATE))  -- only those years' files
  AND list_contains(CAST($measures AS VARCHAR[]), c.measure)
  AND list_contains(CAST($states AS VARCHAR[]), p.us_state)
GROUP BY c.port_code, c.date
ORDER BY c.date, c.port_code
