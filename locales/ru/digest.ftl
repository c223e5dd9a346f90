## The daily digest at the start of the working day.

digest-head = ☀️ <b>Ваш день</b>
digest-meetings = 📅 Встречи сегодня ({ $count }):
digest-steps-today = ✅ Шаги на сегодня ({ $count }):
digest-steps-overdue = ⚠️ Просроченные шаги ({ $count }):
digest-past-limit = 🔴 Срок этапа истёк ({ $count }):
digest-near-limit = ⏳ Срок этапа истекает сегодня ({ $count }):
digest-returning = ⏰ Возвращаются из отложенных сегодня ({ $count }):
digest-unclaimed = 🙋 Ждут эксперта ({ $count }):
digest-item = • #{ $number }
digest-item-at = • #{ $number } — { $at }
digest-and-more = • …и ещё { $count }
digest-team-overdue = 🚨 Просрочено по команде: { $count }.
digest-open = 📄 #{ $number }
digest-more-work = Кнопки — для первых { $shown }; ещё { $count } — в /work или по номеру: <code>/r 123</code>.
digest-more-mine = Кнопки — для первых { $shown }; ещё { $count } — в /mine или по номеру: <code>/r 123</code>.
