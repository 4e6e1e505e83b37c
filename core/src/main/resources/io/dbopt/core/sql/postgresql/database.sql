SELECT current_database(), current_user
