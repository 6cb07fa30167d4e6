-- The seed's schema (blog post, verbatim apart from its typographic quotes),
-- plus the mytest/mytest account the Go and Node workloads connect with.
create database mytest default character set utf8;
use mytest;
create table users(login_name varchar(20),nickname varchar(20),uid int(8),password char(32),forbidden tinyint(1));
insert into users value ('Alex','Sunday',12345678,'827ccb0eea8a706c4c34a16891f84e7b',0);

-- Loopback-only account for the workload (private instance, no other users).
create user 'mytest'@'localhost' identified by 'mytest';
create user 'mytest'@'127.0.0.1' identified by 'mytest';
grant all privileges on mytest.* to 'mytest'@'localhost';
grant all privileges on mytest.* to 'mytest'@'127.0.0.1';
flush privileges;
