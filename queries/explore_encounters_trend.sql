-- Yearly Border Patrol encounters (OHSS, rounded, one consistent series FY2000 onward) summed over the sectors $sectors.
SELECT fiscal_year AS year,
       sum(encounters) AS total,
       min(months_covered) AS months,
       bool_or(partial) AS partial
FROM encounters_annual
WHERE list_contains(CAST($sectors AS VARCHAR[]), sector)
  AND measure = 'ohss_encounters_rounded'
GROUP BY fiscal_year
ORDER BY fiscal_year
