-- hand-written undo of V2
DROP TABLE team_members;
DROP TABLE teams;
