## The team: roles and competences (/team), the queue (/queue), my requests (/mine), /assign.

team-role-admin = administrator
team-role-manager = manager
team-role-expert = expert
team-role-lead-generator = lead generator
team-role-estimator = estimator
team-role-closer = closer
team-no-roles = no roles
team-head = <b>Team</b> — everyone who wrote to the bot ({ $count }). Pick a person or send /team @username.
team-member-line = • { $name }{ $username } — { $roles }{ $tags }
team-previous = ← Back
team-next = Next →
team-back = ← To the list
team-choose-supervisor = 👔 Supervisor
team-supervisor = Supervisor: { $name }
team-no-supervisor = none
team-pick-supervisor = Who supervises this expert? They will get the escalations.
team-admins-only = Only administrators can do this.
team-managers-only = The team and its roles are for managers and administrators.
team-granted = Role granted.
team-revoked = Role revoked.
team-role-already-granted = The role is already granted; nothing changed.
team-role-already-revoked = The role is already revoked; nothing changed.
team-tag-already-added = The competence is already there; nothing changed.
team-tag-already-removed = The competence is already gone; nothing changed.

queue-age = { $hours ->
    [0] {""}
   *[other] { $hours } h{" "}
}{ $minutes } min
queue-line = { $priority ->
    [hot] 🔥
   *[other] •
} #{ $number } · { $scenario } · { $client } · waiting { $age }
queue-not-in-group = {" "}· ⚠️ not in the group
queue-team-only = This command is for experts and managers.
queue-empty = The queue is empty: every request is taken.
queue-head = <b>Queue</b> — requests nobody has taken, oldest first ({ $count }):
mine-empty = You have no open requests.
mine-head = <b>My requests</b> ({ $count }):
mine-stage = <b>{ $stage }</b> ({ $count })
assign-usage = Write it like this: /assign 123 @username
# Member tags in the team group: at most 16 characters, no emoji.
team-tag-manager = Manager
team-tag-expert = Expert
team-tag-estimator = Estimator
team-tag-closer = Closer
team-tag-lead-generator = Lead generator
team-tags-no-right = Done. But I cannot show the role as a tag in the group: give me the "Manage tags" administrator right there.
