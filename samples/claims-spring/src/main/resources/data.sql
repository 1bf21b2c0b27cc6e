DELETE FROM claim;
INSERT INTO claim (id, policy_holder, description, amount, status) VALUES
('C-1001', 'Maria Keller', 'A pipe burst in the kitchen overnight. Water soaked the floor and the cupboards, and the ceiling of the flat below is stained. A plumber repaired the pipe the next morning.', 4200, 'OPEN'),
('C-1002', 'Jonas Weber', 'While parking at the supermarket another car reversed into my driver door. The other driver gave me his insurance details. The door is dented and the mirror is broken.', 1850, 'OPEN'),
('C-1003', 'Ana Costa', 'I slipped on a wet floor in the hotel lobby and broke my wrist. I was treated at the hospital and could not work for three weeks.', 9600, 'OPEN'),
('C-1004', 'Lena Fischer', 'Hail damaged the roof of the garage and dented the car parked inside', 3100, 'OPEN');
