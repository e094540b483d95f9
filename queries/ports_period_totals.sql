-- Every port with its total for the chosen measures and month range; NULL total = no data reported.
WITH picked AS (
    SELECT port_code,
           sum(value) AS total,
           count(DISTINCT date) AS months_reported,
           max(date) AS last_reported
    FROM crossings
    WHERE date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
      AND year BETWEEN year(CAST($start AS DATE)) AND year(CAST($end AS DATE))  -- only those years' files
      AND list_contains(CAST($measures AS VARCHAR[]), measure)
    GROUP BY port_code
)
SELECT p.port_key,
       p.port_code,
       p.port_name,
       p.us_state,
       p.mx_city,
       p.mx_state,
       p.lon,
       p.lat,
       p.crossing_names,
       picked.total,
       coalesce(picked.months_reported, 0) AS months_reported,
       date_diff('month', CAST($start AS DATE), CAST($end AS DATE)) + 1 AS months_in_period,
       picked.last_reported,
       p.last_month AS last_month_in_source
FROM ports AS p
LEFT JOIN picked USING (port_code)
WHERE list_contains(CAST($states AS VARCHAR[]), p.us_state)
ORDER BY picked.total DESC NULLS LAST, p.port_key
