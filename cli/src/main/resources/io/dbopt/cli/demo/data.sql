-- Demo data, generated on the server. Each step starts with a line "-- step: <table> <rows>" that the loader
-- prints as progress; statements are separated by lines holding only ";;". setseed makes runs repeatable.
SELECT setseed(0.42)
;;
-- step: users 5000
INSERT INTO users (username, email, full_name, is_active, last_login_at, created_at)
SELECT 'user' || n, 'user' || n || '@example.org', 'User Number ' || n, n % 20 <> 0,
       now() - (random() * interval '90 days'), now() - (random() * interval '3 years')
FROM generate_series(1, 5000) AS n
;;
-- step: projects 2000
INSERT INTO projects (name, description, status, priority, lead_id, metadata, created_at)
SELECT 'Project ' || n, repeat('Project description. ', 5),
       (ARRAY['active', 'planning', 'on_hold', 'done', 'archived'])[1 + n % 5],
       (ARRAY['low', 'medium', 'high', 'critical'])[1 + n % 4],
       1 + (n * 7) % 5000,
       jsonb_build_object('client', 'client-' || (n % 40), 'tags', jsonb_build_array('t' || (n % 9), 't' || (n % 13))),
       now() - (random() * interval '2 years')
FROM generate_series(1, 2000) AS n
;;
-- step: project_watchers 20000
INSERT INTO project_watchers (project_id, user_id)
SELECT DISTINCT 1 + n % 2000, 1 + (n * 13) % 5000 FROM generate_series(1, 20000) AS n
;;
-- step: project_stakeholders 6000
INSERT INTO project_stakeholders (project_id, user_id, role)
SELECT DISTINCT ON (1 + n % 2000, 1 + (n * 29) % 5000) 1 + n % 2000, 1 + (n * 29) % 5000,
       (ARRAY['sponsor', 'shareholder', 'customer'])[1 + n % 3]
FROM generate_series(1, 6000) AS n
;;
-- step: task_statuses 6
INSERT INTO task_statuses VALUES (1, 'todo'), (2, 'in_progress'), (3, 'review'), (4, 'blocked'), (5, 'done'),
    (6, 'cancelled')
;;
-- step: task_priorities 4
INSERT INTO task_priorities VALUES (1, 'low'), (2, 'medium'), (3, 'high'), (4, 'urgent')
;;
-- step: tasks 200000
INSERT INTO tasks (project_id, parent_id, depth, title, description, status_id, priority_id, assigned_to_id,
                   position, created_at)
SELECT 1 + n % 2000, NULL, 0, 'Task ' || n, 'Details of task ' || n, 1 + (n * 7) % 6, 1 + n % 4,
       CASE WHEN n % 10 = 0 THEN NULL ELSE 1 + (n * 17) % 5000 END, n / 2000, now() - (random() * interval '1 year')
FROM generate_series(1, 80000) AS n
;;
INSERT INTO tasks (project_id, parent_id, depth, title, status_id, priority_id, assigned_to_id, position)
SELECT t.project_id, t.id, 1, 'Subtask ' || t.id || '.' || k, 1 + (t.id + k) % 6, 1 + k % 4,
       1 + (t.id * 31 + k) % 5000, k
FROM tasks t CROSS JOIN generate_series(1, 1) AS k
WHERE t.depth = 0
;;
INSERT INTO tasks (project_id, parent_id, depth, title, status_id, priority_id, assigned_to_id, position)
SELECT t.project_id, t.id, 2, 'Step ' || t.id, 1 + t.id % 6, 1 + t.id % 4, 1 + (t.id * 37) % 5000, 1
FROM tasks t WHERE t.depth = 1 AND t.id % 2 = 0
;;
-- step: task_dependencies 50000
INSERT INTO task_dependencies (task_id, depends_on_id)
SELECT DISTINCT 1 + n % 80000, 1 + (n * 7 + 1) % 80000 FROM generate_series(1, 50000) AS n
WHERE 1 + n % 80000 <> 1 + (n * 7 + 1) % 80000
;;
-- step: todos 120000
INSERT INTO todos (project_id, task_id, title, done, due_date, created_at)
SELECT 1 + n % 2000, 1 + (n * 3) % 200000, 'Todo ' || n, n % 3 = 0,
       current_date + ((n % 120) - 30), now() - (random() * interval '200 days')
FROM generate_series(1, 120000) AS n
;;
-- step: categories 30
INSERT INTO categories (name) SELECT 'Category ' || n FROM generate_series(1, 30) AS n
;;
-- step: tags 200
INSERT INTO tags (name) SELECT 'tag-' || n FROM generate_series(1, 200) AS n
;;
-- step: documents 3000
INSERT INTO documents (title, content, category_id, author_id, properties, updated_at)
SELECT 'Runbook ' || n,
       '<html><body><h1>Runbook ' || n || '</h1>' ||
       (SELECT string_agg('<p>' || md5((n * 1000 + k)::text) || ' step ' || k || ' of the procedure: check the '
                          || 'service, restart it, verify the dashboards and record the outcome.</p>', '')
        FROM generate_series(1, 60) AS k) || '</body></html>',
       1 + n % 30, 1 + (n * 11) % 5000,
       jsonb_build_object('team', 'team-' || (n % 12), 'public', n % 4 = 0, 'version', 1 + n % 5),
       now() - (random() * interval '1 year')
FROM generate_series(1, 3000) AS n
;;
-- step: document_tags 9000
INSERT INTO document_tags (document_id, tag_id)
SELECT DISTINCT 1 + n % 3000, 1 + (n * 7) % 200 FROM generate_series(1, 9000) AS n
;;
-- step: document_history 9000
INSERT INTO document_history (document_id, changed_by, content, changed_at)
SELECT d.id, 1 + (d.id * v) % 5000, d.content || '<!-- revision ' || v || ' -->', d.updated_at - v * interval '3 days'
FROM documents d CROSS JOIN generate_series(1, 3) AS v
;;
-- step: handoffs 60000
INSERT INTO handoffs (title, status, priority, shift, reporter_id, assigned_to_id, due_date, details, created_at)
SELECT 'Handoff ' || n, (ARRAY['open', 'acknowledged', 'in_progress', 'resolved', 'closed'])[1 + n % 5],
       (ARRAY['low', 'medium', 'high', 'critical'])[1 + (n / 5) % 4], (ARRAY['day', 'swing', 'night'])[1 + n % 3],
       1 + (n * 19) % 5000, 1 + (n * 23) % 5000, now() + ((n % 240) - 120) * interval '1 hour',
       'Context for the next shift: ' || md5(n::text), now() - (random() * interval '180 days')
FROM generate_series(1, 60000) AS n
;;
-- step: analyze 0
ANALYZE
