# Funds, rounds, applications, grants and returns arrive with the commissioning work.
