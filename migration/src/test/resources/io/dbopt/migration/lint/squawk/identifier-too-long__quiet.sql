-- expect: identifier-too-long quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE orders_with_a_name_that_is_exactly_sixty_three_bytes_long_abcd (id bigint PRIMARY KEY);
