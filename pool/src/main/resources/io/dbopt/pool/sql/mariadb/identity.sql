-- The server's id for this session, the program name the driver sent as a connection attribute (NULL when
-- performance_schema is off or the driver sent none), and the user.
SELECT CONNECTION_ID() AS session_id,
       (SELECT a.ATTR_VALUE
          FROM performance_schema.session_connect_attrs a
         WHERE a.PROCESSLIST_ID = CONNECTION_ID() AND a.ATTR_NAME = 'program_name'
         LIMIT 1) AS application,
       SUBSTRING_INDEX(USER(), '@', 1) AS user_name
