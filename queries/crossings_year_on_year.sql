-- Sum of the chosen measures over all ports for the 12 months ending $end, and for the 12 months before that.
SELECT
    sum(value) FILTER (WHERE date >  CAST($end AS DATE) - INTERVAL 12 MONTH AND date <= CAST($end AS DATE)) AS last_12,
    sum(value) FILTER (WHERE date >  CAST($end AS DATE) - INTERVAL 24 MONTH
                         AND date <= CAST($end AS DATE) - INTERVAL 12 MONTH) AS previous_12,
    count(DISTINCT port_code) FILTER (WHERE date > CAST($end AS DATE) - INTERVAL 12 MONTH
                                        AND date <= CAST($end AS DATE)) AS ports_reporting
FROM crossings
WHERE list_contains(CAST($measures AS VARCHAR[]), measure)
