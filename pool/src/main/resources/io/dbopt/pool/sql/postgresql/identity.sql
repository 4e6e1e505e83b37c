-- The server's id for this session, the application name it attributes the session to, and the user.
SELECT pg_backend_pid() AS session_id,
       current_setting('application_name') AS application,
       current_user AS user_name
