-- expect: identifier-too-long fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE orders_with_a_name_that_is_much_longer_than_sixty_three_bytes_ok (id bigint PRIMARY KEY);
