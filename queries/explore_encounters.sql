-- Border Patrol figures per fiscal year in the sectors $sectors: exact monthly apprehensions summed (with the months present) and OHSS rounded annual encounters (with partial years flagged).
SELECT fiscal_year, sector, measure, sum(encounters) AS encounters, count(*) AS months, false AS partial
FROM encounters
WHERE list_contains(CAST($sectors AS VARCHAR[]), sector)
  AND measure = 'usbp_apprehensions'
GROUP BY fiscal_year, sector, measure
UNION ALL
SELECT fiscal_year, sector, measure, encounters, months_covered AS months, partial
FROM encounters_annual
WHERE list_contains(CAST($sectors AS VARCHAR[]), sector)
ORDER BY measure, fiscal_year, sector
