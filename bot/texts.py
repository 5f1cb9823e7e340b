"""Every fixed sentence the code says to a user, in one place, grouped by kind.

Plain Python, no Rasa: bot/, rasa_server/ and actions/ all import from here. What is not
here, and why:

- text built from the cause table (bot/knowledge/causes.yml): causes, advice, triage
  actions and reasons, foods, topics. It stays in the table; bot/answers.py joins it into
  sentences;
- the fixed responses of domain.yml (greeting, goodbye, out of scope, rephrase, ...): Rasa
  reads them from there;
- the web widget's labels (web/embed.js), which a browser cannot import from Python;
- errors an HTTP client gets about a malformed request (a bad `sender` or `metadata`), which
  are for developers, not users: rasa_server/channels/guard.py keeps them.
"""

from __future__ import annotations

# -- Safety -------------------------------------------------------------------------------
# The emergency signs, said wherever the bot cannot answer properly (it is down, or the
# message was too long), so that nobody waits for it with a red flag.
# (the stroke signs too, as the policy's emergency row has them: round 40 c26, a Spanish message about slow speech got
# the not-English answer without them)
EMERGENCY_SIGNS = (
    "If you have chest pain, trouble breathing, fainting, a seizure, or a face, arm or speech problem that started"
    " suddenly, don't wait for me: call your local emergency number."
)
# ... said to a parent about their child (round 25 c11: "If you have chest pain" to the parent of an 8-year-old).
EMERGENCY_SIGNS_CHILD = (
    "If your child has chest pain, trouble breathing, fainting, a seizure, or a face, arm or speech problem that started"
    " suddenly, don't wait for me: call your local emergency number."
)
# Beside every assessment and escalation (text and card).
DISCLAIMER = "I can't diagnose: this is general information, not a medical opinion."
DISCLAIMER_AGAIN = "(I can't diagnose.)"  # the same reminder, once it was said in full twice
# A crisis answer (the policy's crisis row) is the rule's reason and action between these.
CRISIS_OPENING = "I'm really sorry you're feeling this way, and I'm glad you told me."
CRISIS_CLOSING = "I'm only an automated assistant, not a counsellor; we can come back to the twitching whenever you're ready."
# The crisis answer to someone asking for another adult: helping that person now, and the same lines for the writer
CRISIS_FOR_ANOTHER = (
    "I'm so sorry: that sounds frightening, and you were right to say it. What you describe can mean they are thinking"
    " of ending their life, and that needs help from a person now. If they may be in danger, call"
    " your local emergency number and stay with them, or ask someone to. For advice on how to help them, call a crisis"
    " line: in the US call or text 988; in the UK or Ireland call Samaritans on 116 123. Asking them gently and"
    " directly whether they are thinking of suicide is OK: it does not put the idea in their head. And if it is you who"
    " is having these thoughts, please call one of those lines now for yourself: you matter too. I'm only an automated"
    " assistant, not a counsellor."
)
# ... and what follows it ("should i ask her directly?", "ok", "what do i do"): how to help them, in other words
AFTER_CRISIS_FOR_ANOTHER = (
    "Ask them gently and plainly whether they are thinking of ending their life, listen without judging, and don't"
    " leave them alone if you think they may act on it. A crisis line can talk you through it right now: 988 in the US,"
    " Samaritans on 116 123 in the UK and Ireland. If they may be in danger now, call your local emergency number."
)
# After a crisis answer the bot stays with the person (the policy's "after a crisis answer"): what
# it says to "ok", "thanks" or an unclear message, with the crisis row's action between these.
AFTER_CRISIS_OPENING = "I'm still here with you. How you are feeling matters more than the twitching right now."
AFTER_CRISIS_CLOSING = "If you'd like to, tell me how you're doing; I'll answer anything you ask, twitching included."
# The same staying-with said again: other words and another small step each time, never "as I said" and never
# the same numbers pasted into every reply (round 28 c29: the crisis line word for word in 4 replies in a row).
AFTER_CRISIS_AGAIN = (
    "I'm here, and I'm listening. You don't have to go through this alone. If calling feels like too much, texting"
    " works too: in the US you can text 988 (in the UK and Ireland, Samaritans answer on 116 123), and"
    " findahelpline.com lists free lines by country. If you'd like to, tell me how you're doing.",
    "Thank you for still talking with me. You matter, whatever is going on. If there's someone near you, a friend,"
    " family or a neighbour, it can help to tell them, even just \"I'm not okay\"; and 988 (US) or 116 123 (UK and"
    " Ireland) are there if no one is. I'm here whenever you want to talk or ask anything.",
    "I'm still here. There's no rush, and you don't need the right words. The lines answer day and night, 988 in the"
    " US and Samaritans on 116 123 in the UK and Ireland; and if you feel you might act on these thoughts, call your"
    " local emergency number now.",
)
# A question about the crisis line itself after a crisis answer: its hours, its cost, what to say.
AFTER_CRISIS_HELPLINE = (
    "Crisis lines such as 988 in the US and Samaritans on 116 123 in the UK and Ireland answer day and night, every"
    " day of the year, and the call is free. You don't need the right words: \"I'm not okay and I need to talk\" is"
    " enough, and they take it from there. Anywhere else, your local emergency number answers at any hour, and"
    " findahelpline.com lists free lines by country."
)
# After a question about the twitching is answered, once a crisis answer was given: the line stays open.
AFTER_CRISIS_ANSWERED = (
    "And whenever things feel too much, the crisis line is there day and night: 988 in the US,"
    " Samaritans on 116 123 in the UK and Ireland, or your local emergency number."
)
# Help refused after a crisis answer ("I'm not calling anyone"): no argument, and still here.
CRISIS_NO_PUSH = (
    "Thank you for telling me, and I'm sorry if that felt like too much: words like those can mean very different "
    "things, so I take them seriously. I won't keep pushing. I'm still here, and I'll answer what you ask."
)
# After a crisis answer, the person says they won't act on the thoughts ("i'm not going to do anything tonight"):
# thanks, no argument, and the line kept open for when the thoughts come back.
AFTER_CRISIS_SAFE = (
    "Thank you for telling me that; I'm glad you're keeping yourself safe. Thoughts like these can come back, and you"
    " don't have to wait until they're worse to talk to someone: your doctor can help, sooner than a routine"
    " appointment if you ask, and a crisis line is there day and night (988 in the US, Samaritans on 116 123 in the"
    " UK and Ireland). I'm still here, and I'll answer what you ask."
)
# ... said beside the same thoughts again ("not going to do anything tonight. i just don't see the point anymore"):
# not acting tonight is heard, and the thoughts still get help today (round 23 c17: "glad you're keeping yourself safe")
CRISIS_NOT_TONIGHT = (
    "I'm glad you won't act on it tonight, and I'm glad you're still talking to me. Feeling there's no point is a lot"
    " to carry, and it deserves help today, not only if it gets worse: please call a crisis line (988 in the US,"
    " Samaritans on 116 123 in the UK and Ireland) or tell someone near you, and if you feel you might act on it,"
    " call your local emergency number. I'm still here, and I'll answer what you ask."
)
# After a crisis answer, the person says they will or may turn to someone ("maybe I'll call my sister tonight").
AFTER_CRISIS_REACHING = (
    "That sounds like a really good step: talking to someone you trust can help a lot, and it doesn't have to wait"
    " until later. If the thoughts get stronger before then, call your local emergency number or a crisis line"
    " (988 in the US, Samaritans on 116 123 in the UK and Ireland). I'm here if you want to talk or ask anything."
)
AFTER_CRISIS_GOODBYE = "Please look after yourself, and come back whenever you want."
# A question about the feelings, not the body, after a crisis answer ("is it normal to feel like this after a baby?",
# "who do I talk to?"): outside the documents, said so, and who can help.
AFTER_CRISIS_FEELINGS = (
    "My documents are about muscle twitching, so they don't cover how you're feeling, and I can't tell you what is"
    " normal for it. What I can say is that feelings like these deserve help from a person, and you don't have to"
    " wait until they get worse: tell your doctor, or your midwife or health visitor if you have one, today if you"
    " can. A crisis line is there day and night too: 988 in the US, Samaritans on 116 123 in the UK and Ireland, or"
    " your local emergency number."
)
# ... the writer's own low mood or exhaustion told beside a question on the twitching: heard before the answer
FEELINGS_AFTER_CRISIS = (
    "I'm sorry you're feeling so worn down. That matters as much as the twitching, and it deserves care of its own: your"
    " doctor can help with how you feel, not only with the twitching."
)
IF_THE_TWITCHING = "If you meant the twitching, tell me and I'll answer about that."
# An escalation payload shown on a text platform without its text and without a level.
GET_MEDICAL_HELP = "Please get medical help."

# -- Triage levels ------------------------------------------------------------------------
# The title of each level (contract ids) in replies, cards and the doctor's summary.
LEVEL_TITLES = {
    "self_care": "Self-care",
    "doctor": "See a doctor",
    "urgent": "See a doctor today",
    "emergency": "Emergency: get help now",
}

# -- Conversation -------------------------------------------------------------------------
# Headings and lead-ins of the bot's answers (what follows them comes from the table).
UNDERSTOOD_INTRO = "Here is what I understood:"
# "hi" from someone who told their story before: welcomed back with it, and asked what changed.
WELCOME_BACK = "Welcome back. Last time you told me this:"
WHAT_CHANGED = "What has changed since then? Anything new, better or worse, or a question, is fine."
ASSESSMENT_INTRO = "These are the likeliest causes of your twitching, from what you told me:"
# the twitching tied to a medicine the documents do not cover: that first, in place of causes only a shared sign fits
UNCOVERED_MEDICINE_FIRST = (
    "You linked the twitching to {medicine}, which my documents don't cover, so I can't say whether it is the cause."
    " Tell the doctor who prescribed it about the twitching and anything else new, and don't stop it on your own."
)
ALSO_FROM_WHAT_YOU_SAID = "Other things you told me that can cause twitching:"
ASSESSMENT_INTRO_NO_EVIDENCE = "Nothing you told me points to one cause yet; these are the most common ones:"
COMMON_CAUSE = "it is one of the most common causes"  # a ranked cause's "why" with no evidence
OTHER_CAUSES_INTRO = "Other possibilities, less likely from what you told me:"
SUMMARY_HEADING = "Summary to show a doctor (made by an automated assistant, not a diagnosis):"
# The doctor's summary, in the chat and in its PDF (web/pdf.py): a label per part, in order.
SUMMARY_LABELS = {
    "warning_signs": "Warning signs",
    "symptoms": "Symptoms",
    "body_parts": "Where",
    "duration": "Duration",
    "denied": "Denied",
    "lifestyle": "Lifestyle factors",
    "factors": "Factors",  # a card from before lifestyle and medicines were apart
    "diet": "Diet",
    "medicines": "Medicines and supplements",
    "conditions": "Other health conditions",
    "person": "About",
    "story": "In their own words",
    "story_told": "As told by the person asking",  # the words of someone writing for a child or another adult
    "causes": "Possible causes",
    "triage": "Triage",
}
SUMMARY_NOT_GIVEN = "not mentioned"  # a part the person said nothing about
# Whom the summary is about, when not the person who wrote (the `person` of the summary payload).
SUMMARY_PERSON = {
    "child": "a child (the sources are about adults)",
    "young_writer": "a young person under 18, writing themselves (the sources are about adults)",
    "other_adult": "another adult, as told by someone asking for them (not in their own words)",
}
# Said back first when the symptoms told are another adult's: a partner, a parent, a friend.
ASKING_FOR_ANOTHER = "you are asking for someone else (answer my questions for them as best you can)"
SUMMARY_CHILD_CAUSES = "not assessed: the sources are about adults"
SUMMARY_NO_CAUSE_YET = "none stands out from what was said"
SUMMARY_SIGNS_FIRST = "not weighed: the warning signs above come first"
SUMMARY_OUTSIDE = "not weighed: no twitching, cramps or spasms were told, and the complaint is outside what the assistant covers"
# The PDF's title, its lead and its closing reminder: it is read by a doctor, not by the user.
SUMMARY_TITLE = "Muscle twitching: a summary to show a doctor"
SUMMARY_MADE = "Made on {date} by an automated chat assistant, from what the person typed."
SUMMARY_REPORTED = "What the person reported"
SUMMARY_REMINDER_HEADING = "Not a diagnosis"
SUMMARY_PAGE = "Page {page} of {pages}"
SUMMARY_REMINDER = (
    "This is not a diagnosis. An automated assistant wrote it from a chat, matching what was typed against two "
    "short articles about twitching; nobody examined the person. Treat it as their own notes, for a clinician to check."
)
SUMMARY_WHY = "Why: {reasons}"
SUMMARY_SOURCE = "Source: {sources}"
SUMMARY_HEARD = "What was heard: {heard}"
FOR_YOU = "For you:"  # before the user's own triage line when they ask when to see a doctor
FOR_THEM = "For them:"  # ... when they ask for another adult (a partner, a parent)
FOR_YOUR_CHILD = "For your child:"  # ... when they ask about a child
FOR_THE_TWITCHING = "For the twitching itself:"  # ... after a crisis answer, whose own level is the crisis row's
FOR_WHOM = (FOR_YOU, FOR_THEM, FOR_YOUR_CHILD, FOR_THE_TWITCHING)
# Asked for a verdict with nothing described ("idk" to every question): no verdict on nothing.
# A message about symptoms the documents do not cover, with no twitching, cramps or spasms.
OUT_OF_SCOPE_SYMPTOMS = (
    "I only know about muscle twitching, cramps and spasms, so {what} on its own is outside what my documents "
    "cover: I can't say what is behind it or what would help."
)
OUT_OF_SCOPE_SELF_CARE = "A pharmacist or doctor can advise you on it, and sooner if it gets worse."
# A check answered, and nothing told yet: the story asked for before any interview question.
STORY_FIRST = (
    "Thanks for answering. I help with muscle twitching, cramps and spasms: if you have any, tell me where, since when,"
    " and anything you think might matter, or ask me a question about them."
)
# ... with no complaint told at all ("no twitching, just wondering what you do", "can you give me a recipe?")
OUT_OF_SCOPE_NOTHING = (
    "I can only help with muscle twitching, cramps and spasms: what may be behind them, what to change or eat, and"
    " when to see a doctor. If you have any of those, or a question about them, tell me in your own words."
)
# Something other than the twitching asked mid-conversation ("unrelated, but my knee clicks").
ASIDE = (
    "That's outside what my documents cover (they are about muscle twitching, cramps and spasms), so I can't say "
    "what is behind it; a pharmacist or doctor can. We can go on with the twitching whenever you like."
)
SCOPE_AGAIN = "That's all my documents let me say about it."  # the scope answer asked for again
OUT_OF_SCOPE_ASK = "If there is twitching, cramping or spasms as well, tell me about it and I'll go through it with you."
# Self-care when the questions that would change the level were not answered ("I don't know").
SELF_CARE_UNKNOWN = (
    "Nothing you told me needs a doctor now, but I don't know {unknown}, so I can't rule more out: if the "
    "twitching has lasted more than two weeks, or comes with weakness or numbness, see a doctor."
)
NOTHING_TO_SUMMARISE = (
    "There's nothing to summarise yet. Tell me what's happening first: where the twitching is, how long it has "
    "been going on, and anything that has changed lately. Then I can make a summary for your doctor."
)
HELP_DESCRIBE = (
    "I don't have enough to go on yet, so I won't guess. Tell me in your own words: where is the twitching, "
    "how long has it been going on, and has anything changed lately, such as sleep, stress, coffee, exercise, "
    "diet or medicines? " + EMERGENCY_SIGNS
)
# After an assessment, when the user's message added nothing new.
ANYTHING_ELSE = "Is there anything else you'd like to tell me or ask?"
# The follow-up buttons after an assessment: payload -> title.
FOLLOW_UP_TITLES = {
    "/ask_explanation": "Why?",
    "/ask_foods": "What should I eat?",
    "/ask_doctor": "When to see a doctor",
    "/ask_summary": "Summary for my doctor",
}
# The web widget's line above the quick replies of a card.
NEXT_PROMPT = "What would you like to know next?"
# Telegram and Slack: the text of a message that has only buttons.
CHOOSE_ONE = "Choose one:"

# -- Refusals and faults ------------------------------------------------------------------
# Every channel's checks (rasa_server/channels/guard.py); TOO_LONG is formatted with the limit.
TOO_LONG = (
    "That message is too long for me (over {limit:,} characters). Please send the main points in a shorter message. "
    + EMERGENCY_SIGNS
)
TOO_MANY = "I'm still answering your previous messages. Please wait for my reply, then go on."
UNREADABLE = "Sorry, I could not read that message. Please type your question as text."
FAILED = "Sorry, something went wrong on my side. Please try again in a moment."
# The web widget's session id is missing or invalid.
SESSION_EXPIRED = "Your chat session expired. Please reload the page."
# A custom action could not run (the action server is down): rasa_server/hooks.py.
UNAVAILABLE = "Sorry, I can't look that up right now. Please try again in a moment. " + EMERGENCY_SIGNS
# The tracker store could not write this turn (rasa_server/turns.py): said after the turn's answers.
NOT_SAVED = (
    "I couldn't save this conversation just now: my storage is not working. My answers above still stand, but if I "
    "restart before it works again, I may not remember what you told me since then."
)
# ... nor read what was said before: the answers above knew only the messages since then.
NOT_LOADED = (
    "I couldn't load our earlier conversation just now: my storage is not working, so my answers above go only on "
    "what you've said since then, not on anything you told me before. I've kept your messages and will add them to "
    "the conversation once my storage works again."
)
# ... and the turn asked to delete the user's data: the deletion did not happen.
NOT_DELETED = (
    "I couldn't delete your data just now: my storage is not working, so nothing was deleted. "
    "Please ask me again in a few minutes."
)

# A fixed reply (domain.yml) the bot just sent, asked for again: other words, in turn.
FIXED_AGAIN = {
    "utter_youre_welcome": ("Glad it helps. I'm here if anything else comes up.", "Any time. Take care of yourself."),
    "utter_greet": ("Hello again. What's happening with the twitching?", "Hi. Tell me what's going on, in your own words."),
    "utter_goodbye": ("Bye for now, and look after yourself.", "Take care."),
    "utter_rephrase": (
        "I still couldn't follow that, sorry. Try one short sentence: where it twitches, since when, and "
        "what you'd like to know.",
        "Sorry, I'm still not sure what you mean. You can also tap one of the buttons.",
    ),
    "utter_out_of_scope": (
        "That's outside what I know, I'm afraid: my documents are about muscle twitching, cramps and spasms.",
        "I can't help with that one, sorry; ask me anything about twitching, cramps or spasms.",
    ),
    "utter_iamabot": ("Still an automated assistant, not a person or a doctor.", "A program, not a person: I can't diagnose."),
}
# The same, to a writer who says they are under 18.
NOTED = "Noted for your summary:"  # facts told mid-interview beside the answer asked for (`answers.noted`)
YOUNG_NOTED = "I've noted that for the summary; a doctor is still the one to see, and you can ask me for a summary to take along."
YOUNG_QUESTION = (
    "At your age, that is a question for a doctor: my sources are about adults, so I won't suggest supplements, "
    "doses, foods or other changes as if you were an adult."
)
YOUNG_LEAD = (
    "You said you're under 18. My sources are about adults, so I won't suggest causes or changes as if you were "
    "an adult: a doctor is the one to see, and it's a good idea to tell a parent or another adult you trust."
)
# More of a child's story after the child's answer: noted, for their doctor.
CHILD_NOTED = (
    "I've noted that for the summary; their doctor is still the one to see, and you can ask me for a summary to take along."
)
# A question about a child: for the child's doctor, whatever it asks (the sources are about adults).
CHILD_QUESTION = (
    "For a child, that is a question for their doctor: my sources are about adults, so I won't suggest "
    "supplements, doses, foods or other changes for a child."
)

NOT_COVERED_THING = "My documents don't cover {thing}."  # named before the child's doctor's answer

# -- Corrections --------------------------------------------------------------------------
# When a later message changes a fact said before ("actually I do have some weakness").
CORRECTED = "Thanks, I've changed that:"
# New facts after the assessment that leave its causes and level as they were.
SAME_PICTURE = "That doesn't change the likeliest causes or the advice I gave above."
# When a correction lowers the level the user was told: never silently (triage policy).
LEVEL_LOWERED = "That changes my advice: before, it was \u201c{before}\u201d; now"
# When the thought of self-harm that brought the crisis answer is taken back.
CRISIS_TAKEN_BACK = (
    "Thank you for telling me. If those thoughts come back, please reach out at once to a crisis line "
    "or emergency services: you deserve support, and talking helps."
)
# What a "no" to a factor that means too much of something denies: "one coffee a day" is no heavy
# caffeine use, and never "no caffeine" in a doctor's summary.
DENIED_NAMES = {
    "caffeine": "heavy caffeine use",
    "alcohol": "regular drinking",
    "stimulants": "stimulants such as nicotine",
    "intense_exercise": "hard exercise",
    "excessive_water_intake": "drinking a lot of water",
}
# Fear or distress told beside an answer (not asked as a question): heard once, before the interview goes on.
# ... for a child: no more questions follow (the child's doctor answers what it is)
FEAR_HEARD_CHILD = (
    "That sounds really frightening, and I'm taking it seriously. I can't tell what it is, and my sources are about "
    "adults; a doctor who knows children can examine your child and answer that properly."
)
FEAR_HEARD = (
    "That sounds really frightening, and I'm taking it seriously. Most twitching turns out to be harmless, and a doctor "
    "can check it and reassure you; a few more questions will help me tell you what fits."
)
# Distress said back as a feeling, by whose twitching it is (the writer's worry when they ask for someone else).
DISTRESS_SAID = {"self": "the twitching troubles you a lot", "other": "you are worried about them"}
# Readable names of fact ids whose underscores do not make English on their own.
FACT_NAMES = {
    "numbness_tingling": "numbness or tingling",
    "irregular_heartbeat": "an irregular heartbeat",
    "rapid_heart_rate": "a racing heart",
    "high_blood_pressure": "high blood pressure",
    "difficulty_breathing": "trouble breathing",
    "difficulty_swallowing": "trouble swallowing",
    "slurred_speech": "slurred speech",
    "balance_problems": "balance problems",
    "muscle_wasting": "muscle wasting",
    "chest_pain": "chest pain",
    "self_harm": "thoughts of harming yourself",
    "poor_sleep": "poor sleep",
    "intense_exercise": "hard exercise",
    "heavy_sweating": "heavy sweating",
    "low_fluid_intake": "drinking too little",
    "excessive_water_intake": "drinking a lot of water",
    "low_sun_exposure": "little sun",
    "diuretic": "a water pill (diuretic)",
    "corticosteroid": "a steroid (corticosteroid)",
    "distress": "distress over the twitching",
    "poor_diet": "a poor diet",
    "darker_skin": "darker skin",
    "high_latitude": "living far from the equator",
    "vitamin_d_supplement": "a vitamin D supplement",
    "vitamin_b12_supplement": "a vitamin B12 supplement",
    "magnesium_supplement": "a magnesium supplement",
    "calcium_supplement": "a calcium supplement",
    "potassium_supplement": "a potassium supplement",
    "tetany": "locked painful spasms (tetany)",
    "muscle_aches": "muscle aches",
    "mood_changes": "mood changes",
    "dark_urine": "dark urine",
    "bone_pain": "bone pain",
    "child": "a child",
    "facial_droop": "a drooping face",
    "vision_changes": "changes in vision",
    "calf_swelling": "a swollen, painful calf",
    "swelling": "sudden swelling of the face or hands",
    "alcohol_withdrawal": "stopping heavy drinking (alcohol withdrawal)",
    "statin": "a statin",
    "other_medication": "another medicine",
    "sudden": "a sudden start",
    # not "after medicine" in a list of what was heard; nor "a start after": a question ("could the pill cause it?") links
    # the twitching to a medicine without saying when it began (round 41 c20, c26)
    "after_medicine": "a start linked to a medicine",
    "all_over": "all over the body",
}

# -- When unsure, ask ---------------------------------------------------------------------
# One yes/no question before a warning word that may be a figure of speech escalates or is
# dropped (the policy's "when unsure, ask"), by symptom id.
CONFIRM_QUESTIONS = {
    "tetany": "Just to check: does the muscle lock in a painful spasm you can't release, or do your hands or feet curl up?",
    "paralysis": "Just to check: is part of your body unable to move at all, even when you try?",
    # "recently": a faint or a fit of long ago ("once at school when I was 14") is no emergency now
    "fainting": "Just to check: have you actually fainted or lost consciousness recently?",
    "irregular_heartbeat": "Just to check: does your heartbeat feel irregular, skipping or fluttering, again and again?",
    "seizure": "Just to check: have you had a seizure (a fit with shaking or losing consciousness) recently?",
    "difficulty_breathing": "Just to check: are you struggling to breathe or short of breath?",
    "confusion": "Just to check: have you been confused or disoriented, not sure where you are or what is going on?",
    "chest_pain": "Just to check: is there pain, pressure or tightness in the chest now, or in the last few hours?",
    # a stroke's signs count even once they have passed ("it's gone now"): asked of today, not of this minute only
    "facial_droop": "Just to check: has one side of the face drooped, or the smile gone lopsided, today, even if it has passed?",
    "difficulty_swallowing": "Just to check: does food or drink stick, or go down the wrong way, when you swallow?",
    "slurred_speech": "Just to check: has the speech been slurred, or words hard to get out, even if it has passed?",
    "hallucinations": "Just to check: is someone seeing or hearing things that others don't?",
    "calf_swelling": "Just to check: is one calf swollen and painful?",
    "alcohol_withdrawal": (
        "Just to check: since stopping or cutting down heavy drinking, has there been any shaking, sweating or seeing"
        " things that aren't there?"
    ),
    # said as a question asked of anyone, since most who are asked have no such thoughts (round 29: 7 of 30 found it
    # out of the blue; it stays, for the few who do)
    "self_harm": (
        "Just to check, as I ask anyone whose words could mean it: are you having any thoughts of ending your life or of"
        " harming yourself?"
    ),
}
# The same checks put to someone asking for another adult ("is she confused?" is not "are you?");
# a check missing here is already worded for anyone. The self-harm check asks of both (round 17: a daughter
# telling of her mother's confusion was asked "are you having thoughts of ending your life?").
# Signs a bad cramp is often told with ("basically paralysed", "took my breath away", "seized up"), two or more heard
# at once: one question for them all, not a check for each in turn (round 23 c25: four checks, one after another).
CONFIRM_CRAMP_LEAD = "Just to check, apart from the cramp's pain: has there been any of these?"
CONFIRM_CRAMP_SIGNS = {
    "difficulty_breathing": "trouble breathing",
    "paralysis": "a part of the body that can't move at all, even once the cramp has passed",
    "seizure": "a fit (shaking all over, or losing consciousness)",
    "tetany": "a muscle locked in a spasm that won't release, or hands or feet curling up",
}
CONFIRM_QUESTIONS_OTHER = {
    "self_harm": (
        "Just to check, as I ask anyone whose words could mean it: is anyone, you or the person you're asking for,"
        " having thoughts of ending their life or of harming themselves?"
    ),
    "tetany": "Just to check: do their muscles lock in a painful spasm they can't release, or do their hands or feet curl up?",
    "paralysis": "Just to check: is part of their body unable to move at all, even when they try?",
    "fainting": "Just to check: have they actually fainted or lost consciousness recently?",
    "irregular_heartbeat": "Just to check: does their heartbeat feel irregular, skipping or fluttering, again and again?",
    "seizure": "Just to check: have they had a seizure (a fit with shaking or losing consciousness) recently?",
    "difficulty_breathing": "Just to check: are they struggling to breathe or short of breath?",
    "confusion": "Just to check: have they been confused or disoriented, not sure where they are or what is going on?",
}
# A shorter span than the one said before ("it's been a few days" after "3 weeks") may be a
# correction or the time since something else: asked, never assumed (a level never drops on a guess).
CONFIRM_DURATION = "Just to check: has the twitching lasted {new} in all, rather than {old}?"
# The self-harm check answered with words that are neither yes nor no: asked once more, plainly.
SELF_HARM_AGAIN = (
    "Sorry to ask again, but it matters: are you having any thoughts of ending your life or of harming "
    "yourself? A yes or a no is all I need."
)
YES, NO = "Yes", "No"

# -- Questions people ask (bot/questions.py) ----------------------------------------------
# A dose asked in any wording: never an amount; who decides, and why.
# "Should I take magnesium?": the rule on supplements, then what the sources say of that nutrient.
# How much of a habit is too much or enough ("how many coffees is too many?"): the documents give no number.
NO_NUMBER = "My documents don't give a number for how much is too much, or enough. What they advise about {cause}:"
SUPPLEMENT_LEAD = (
    "Food comes first; whether you need a supplement, and which, is for a doctor to decide, usually after a blood "
    "test (I don't give doses). What my sources say about it:"
)
DOSE_LEAD = (
    "I don't give doses of any supplement, and I can't tell you whether an amount is right for you. "
    "Whether you need one, and how much, is for a doctor to decide, usually after a blood test shows you are low: "
    "taking more than you need can harm you."
)
STOP_MEDICINE_LEAD = "Please don't stop or change a prescribed medicine on your own."
# A medicine that was not prescribed for them (someone else's, bought online).
NOT_PRESCRIBED = (
    "A medicine that wasn't prescribed for you isn't one to keep taking: please don't take any more of it unless a"
    " doctor says so, and tell the doctor or pharmacist who sees you exactly what you took and when."
)
NOT_PRESCRIBED_DIURETIC = (
    "Water pills make the body lose potassium, and low potassium can bring twitching, weakness and a dangerous"
    " heart rhythm."
)
# "Should I stop the vitamin D?" beside nausea, vomiting, confusion or great thirst: yes, as the policy says.
STOP_SUPPLEMENT_EXCESS = "Yes: with these signs, stop taking it for now."
WHY = "Why:"
# ... a supplement bought without a prescription, with no such signs: not the prescribed-medicine answer.
STOP_SUPPLEMENT = (
    "If a doctor prescribed it, talk to them before you change it. If you bought it yourself, my documents don't say "
    "whether to keep taking it or stop: a pharmacist or your doctor can tell you whether you need it (a blood test "
    "shows the level)."
)
TESTS_LEAD = "Which tests you need is for your doctor to decide after examining you. What my sources say:"
# Before the warning signs, grouped by what to do (built from the triage table).
WORRY_LEAD = "Most twitching is harmless. These are the signs that need a doctor, and how soon:"
WORRY_SIGN = "If you get {sign}: {title}. {action} Why: {reason}"
WORRY_SIGN_TOLD = "With the {sign} you describe: {title}. {action} Why: {reason}"  # the sign was told: no "if"
NORMAL_LEAD = (
    "Yes: twitching is very common, and most of it is harmless, tied to everyday things such as stress, caffeine, "
    "lack of sleep, hard exercise or a low mineral."
)
# "Is this normal?" after an operation: the documents say nothing of it (round 39 c29: "yes, very common")
NORMAL_OUTSIDE = (
    "My documents don't cover {thing}, so I can't tell whether this is normal. The team who did the operation, or a"
    " doctor, can: please tell them about it soon."
)
# ... and with a sign that needs a doctor told: twitching is common, but not "yes" to what was told with it
NORMAL_LEAD_SIGNS = (
    "Twitching on its own is very common and mostly harmless, but with what you describe it should be checked by a doctor."
)
# "Why?" under an urgent or emergency level: why that level.
WHY_LEVEL = "Because of what you described:"
# ... heard by its name beside an urgent or emergency level, before what cannot wait.
FEAR_NAMED = "I can hear that you're worried about {disease}, and that is a frightening thought to carry."
# A feared disease: named, answered warmly, never ruled in or out ({disease} is its name).
FEARED_UNSURE = "I can't rule it in or out, and no chat can. Here is what my sources say."
FEARED_LEAD = f"{FEAR_NAMED} {FEARED_UNSURE}"
# ... asked of one part of the body ("is tongue twitching a sign of ALS?"): the part named, nothing added to the documents
FEARED_PART = (
    "My documents don't single out twitching in the {part}, so I can't tell you what it means there; tell your doctor"
    " it is in your {part}, so they can look at it."
)
# ... asked again ("can't you just tell me it's not ALS?"): other words for the same answer, the plea heard
FEARED_AGAIN = (
    "I know you want a clear answer about {disease}, and I wish I could give you one. I can't rule it in or out: no one"
    " can without examining you. What I can tell you: my sources say most twitching comes from everyday causes, and what"
    " a doctor looks for beside it is weakness, shrinking muscles or numbness. Your doctor can examine you and answer"
    " you properly."
)
# ... a condition of the policy's rows feared by name: the signs that row acts on, and how soon (nothing else added)
FEARED_SIGNS = {
    "a stroke": (
        "What needs help at once: a face that droops on one side, an arm or leg that suddenly goes weak, or words that"
        " suddenly slur or come out wrong. If any of these appear, call emergency services straight away."
    ),
    "a blood clot": (
        "What to watch for: one calf that is swollen and painful needs a doctor today; with chest pain or sudden"
        " trouble breathing, call emergency services."
    ),
    "a heart attack": (
        "What needs help at once: chest pain or pressure, trouble breathing, or fainting. If any of these happen, call"
        " emergency services straight away."
    ),
}
FEARED_FACTS = (
    "Most twitching is harmless and comes from everyday causes such as stress, caffeine, lack of sleep, "
    "hard exercise or low minerals. What a doctor should check is twitching that comes with weakness, "
    "shrinking muscles, numbness or other nerve symptoms, or twitching that lasts more than two weeks."
)
# ... asked after a doctor who examined them said otherwise ("can the neuro be wrong though?")
FEARED_AFTER_EXAMINED = (
    "Doubting reassurance is very common when you're frightened. A doctor who examined you is far better placed than I"
    " am, or anything online, to tell these apart: the examination is what does it. What would change things is"
    " something new, such as real weakness, a muscle that looks thinner, or trouble speaking or swallowing; if that"
    " happens, go back to them, and you can always ask them what to watch for."
)
# "is it hereditary?" asked beside a feared disease: outside the documents; the family history goes to the doctor.
FEARED_INHERITED = (
    "Whether it runs in families is not something my documents cover. Do tell the doctor about anyone in the family who"
    " had it: that history is exactly what they need to hear, and they can say whether any test or referral makes sense."
)
# "is twitching hereditary?" with no disease named.
INHERITED_ASKED = (
    "My documents don't cover whether twitching runs in families. If someone in your family had a nerve or muscle"
    " disease, tell your doctor: that history is worth their hearing, and they can say whether anything needs checking."
)
FEARED_CLOSE = (
    "Because this worries you, please book an appointment with your doctor: they can examine you, "
    "and that is where real reassurance comes from."
)
# ... said to someone asking for another person: the doctor examines them, not the writer.
FEARED_CLOSE_OTHER = (
    "Because this worries you, please help them book an appointment with their doctor: the doctor can examine "
    "them, and that is where real reassurance comes from."
)
# Outside the documents (the policy's "outside the documents is not outside the policy").
PREGNANCY_LEAD = (
    "My sources don't cover pregnancy or breastfeeding, so I can't tell you what is safe for you or your baby. "
    "Please ask your midwife, doctor or pharmacist before you take any supplement or change a medicine."
)
# ... to someone asking for another adult (round 36 c30: "safe for you or your baby", to the husband)
PREGNANCY_LEAD_OTHER = (
    "My sources don't cover pregnancy or breastfeeding, so I can't tell you what is safe for her or the baby. "
    "Please ask her midwife, doctor or pharmacist before she takes any supplement or changes a medicine."
)
PREGNANCY_SIGNS = (
    "In pregnancy, a bad headache, flashing lights or blurred vision, or sudden swelling of the face or hands "
    "needs a midwife or doctor the same day."
)
# A question the documents give no answer to, with nothing in it they cover ("should I have one drink to take
# the edge off?" taken for a question about stopping a medicine): said plainly, with the level.
# A question about something else than health ("where's a good pizza place?") inside a twitching story.
OFF_TOPIC = "I can't help with that one, I'm afraid: I only know about muscle twitching, cramps and spasms."
# ... asked of something else again (round 35 c16: "As I said just above:" and the same refusal, for a pizza place)
OFF_TOPIC_AGAIN = "That one's outside what I know too, sorry. Anything about the twitching, I'm happy to help with."
# ... and when an answer was given and it was not the answer they needed ("can I keep running? you didn't answer").
NO_STRAIGHT_ANSWER = (
    "Sorry, that wasn't a straight answer. My documents don't give a yes or no on that, so I can't either; a doctor or "
    "pharmacist who knows your situation can. What they do say is in my answer above."
)
# ... and before an answer said again after "you didn't answer" when they asked it again in the same words.
SORRY_UNCLEAR = "Sorry if that wasn't clear. In short:"
# "How do I get him to see a doctor?": getting someone who will not go to be seen, by the level (not medicine:
# what helps people go), and a young person asking how to tell a parent.
PERSUADE = {
    "self_care": (
        "It's hard when someone won't go. What often helps: tell them calmly what you have noticed and that you're "
        "worried; offer to book the appointment and go with them; show them the summary I can make for their doctor; "
        "and ask what worries them about going, since fear of bad news keeps many people away."
    ),
    "urgent": (
        "This shouldn't wait for them to come round. Tell them plainly that it needs a doctor today and offer to take "
        "them; if they still refuse, call their doctor's surgery or an out-of-hours service yourself and ask what to do."
    ),
    "emergency": (
        "This can't wait for them to agree: call the emergency number now and tell the call handler what you see; "
        "they will tell you what to do."
    ),
}
PERSUADE["doctor"] = PERSUADE["self_care"]
PERSUADE_YOUNG = (
    "It's OK to ask for help with this. You could show a parent or another adult you trust this chat or the summary I "
    "can make, and tell them the twitching is worrying you: that is reason enough to see a doctor."
)
# "Why would you ask me that?" to a yes/no check: why it is asked, kindly, before it is asked again.
WHY_CHECK_SELF_HARM = (
    "I ask because a few of the words you used can, for some people, mean thoughts of not wanting to be here, and "
    "I'd rather ask than miss it. If that's not you, just say no and we'll carry on."
)
WHY_CHECK_SIGN = (
    "I ask because what you described can sometimes be a warning sign that needs a doctor sooner, and I'd rather "
    "check than guess. A yes or a no is all I need."
)
# "You didn't answer" when no question of theirs was read: the apology, and that it is outside the documents.
NOT_ANSWERED_LEAD = (
    "Sorry, I didn't answer that. It's something my documents don't cover, so I can't answer it safely; please ask a "
    "doctor or pharmacist, who knows your situation."
)
NOT_COVERED_LEAD = (
    "My documents don't cover that, so I can't answer it safely; please ask a doctor or pharmacist, who knows your situation."
)
FROM_WHAT_YOU_SAID = "What my documents do point to, from what you told me, is"
# "Could it be related to the surgery?", "is it sciatica?": a cause or condition the documents do not cover, said plainly.
OUTSIDE_CAUSE = (
    "My documents don't cover {thing}, so I can't tell whether that explains the twitching; a doctor who examines you"
    " can, and it is worth mentioning to them."
)
# "Do you remember me?": only this conversation is in view (the server keeps no profile of anyone).
NO_MEMORY = (
    "I can only see this conversation, not earlier ones, so I may not know what we talked about before. Tell me"
    " anything from then that matters, and what has changed, and I'll take it into account."
)
# "Should I mention that to the doctor?" (round 30 c23: a blurred eye last month, answered with the level again)
MENTION_IT = (
    "Yes, please mention it: tell the doctor about {what}, when it happened and how long it lasted, even if it has"
    " passed. Things that came and went are part of the picture they need."
)
# Advice that names foods a diet leaves out, said with the foods of the same nutrients that fit it (`answers.fit_to_diet`)
DIET_FOODS = "On a {diet} diet, foods that supply {nutrients}: {foods}."
DIET_NO_FOODS = "On a {diet} diet, ask a doctor or dietitian how to get enough {nutrients}."
# Fear of being judged or of wasting someone's time by being seen ("will they judge me?", "they'll think im a
# hypochondriac"), by the level: what to do stands, and the fear is met (round 32 c08)
RELUCTANT = {
    "emergency": (
        "Please don't let that hold you back: the people who help in an emergency see this every day, and their job is"
        " to keep you safe, not to judge. Telling them everything, drink or drugs included, helps them help you."
    ),
    "urgent": (
        "Please don't let that hold you back: the staff see this every day, and their job is to keep you safe, not to"
        " judge. Telling them everything, drink or drugs included, helps them help you."
    ),
    "doctor": (
        "You wouldn't be wasting anyone's time: what you describe is what doctors want to see, and they would rather"
        " check it than have you worry at home. The summary I can make keeps the visit short and clear."
    ),
    "self_care": (
        "Asking a doctor about something that worries you is never a waste of their time. From what you told me nothing"
        " needs a doctor now, but if it keeps worrying you, booking an appointment is a fair thing to do."
    ),
}
# "I'll call 111, what should I tell them?" (round 32 c28: taken for a relative who would not go)
WHAT_TO_TELL = (
    "Tell them what you have noticed ({what}), when it started and how it has changed, and every medicine and"
    " supplement {who} take. The summary I can make for a doctor lists what you told me."
)
# "How much water should I drink then?" beside too much plain water with its signs (an urgent level).
WATER_EXCESS_HOW_MUCH = (
    "I can't give you a number: how much is safe now is for the doctor who sees you today to say. Until then, drink"
    " only when you're thirsty, and don't add salt or a detox drink on your own."
)
# "Do I tell the surgeon about the pred?": yes, every medicine; whether it changes anything is theirs to say.
MENTION_MEDICINE = (
    "Yes, please tell them about {what}: the dose and how long it has been taken. Every medicine and supplement matters"
    " to whoever treats you, a surgeon included, and only they can say whether it changes anything."
)
# "Is it safe to fly next week?", "can I still compete on Saturday?": an activity the documents say nothing about.
OUTSIDE_ACTIVITY = (
    "My documents don't say whether {activity} is safe with this, so I can't tell you; a doctor who knows {whom} can."
)
NOT_BEFORE_SEEN = "Until a doctor has seen {whom}, hold off on it."  # ... asked at an urgent or emergency level
ACTIVITY_EXERCISE = (
    "What they do say about hard exercise: tired muscles twitch, so rest them, stretch gently and build training back"
    " up gradually."
)
# "Is creatine ok to keep taking?": a thing to take that the documents do not cover, said by its name.
# "What should I do?" beside weakness or a muscle that looks thinner: the examination first, not the everyday tips.
EXAMINED_FIRST = (
    "With {signs} beside the twitching, what helps first is a doctor's examination, so please book one in the coming"
    " days and tell them about the {signs}. Everyday changes can wait for what they find."
)
# "Should I use heat or ice on it?", "would compression socks help?": a remedy the documents never speak of.
OUTSIDE_REMEDY = (
    "My documents don't cover {thing}, so I can't say whether it would help with this; a pharmacist, a physiotherapist"
    " or your doctor can advise."
)
OUTSIDE_TAKEN = (
    "My documents don't cover {thing}, so I can't say whether it is safe for you or linked to the twitching. A pharmacist"
    " or your doctor can; tell them about any other supplements and medicines you take."
)
# "Would bananas help?": the food named, as the documents list it, before the foods card.
FOOD_LISTED = "My sources list {food} among the foods that supply {nutrients}."
FOOD_NOT_IN_DIET = "It doesn't fit a {diet} diet, though; the list below does."
FOOD_NOT_LISTED = "My sources don't list {thing} among the foods they name; the ones they do name are below."
# "Can I have a small drink tonight?": what the documents say of alcohol (heavy drinking runs magnesium low), no more.
ALCOHOL_ASKED = (
    "My sources only say that heavy drinking can run magnesium low, and that cutting down helps your body hold on to"
    " it. They don't say whether an occasional drink is fine, so I can't tell you that; your doctor can."
)
# ... asked beside signs of withdrawal ("should i just have a couple drinks to take the edge off?")
ALCOHOL_IN_WITHDRAWAL = (
    "I can't advise drinking to take the edge off. Shaking, sweating or seeing things after heavy drinking stops can be"
    " withdrawal, which can turn into seizures, and that needs a doctor's help today, not a drink: they can help you"
    " through it safely."
)
# ... asked how much of it to take ("how much ibuprofen can I take?"): no amount, of anything.
NO_AMOUNT = "I don't give amounts of any medicine or supplement."
OTHER_MEDICINE_LEAD = (
    "My documents don't cover this medicine. Please don't stop or change a prescribed medicine on your own; your doctor "
    "or pharmacist can tell you whether it could be involved."
)
HOW_LONG_LEAD = "I can't tell how long yours will last. What my sources say:"
WHAT_HELPS_LEAD = "What helps depends on the cause. From what my sources say:"
# ... when what they said points to causes: the advice for those, said as fitting them.
WHAT_HELPS_FITS = "From what you told me, this is what my sources suggest:"
# Pushing back on the advice ("I feel fine now", "that's overkill"): the level stands, its why once more.
PUSHBACK_LEAD = (
    "I understand this isn't what you hoped to hear, and I'm not saying it to alarm you, but my advice stays the same."
)
# "ok, calling now", "thanks" after an urgent or emergency level: agreed, so no lecture again.
# ... said again ("the ambulance is here now" after "ok I called them"): not pointed back to (round 29 c02)
AGREED_AGAIN = {
    "emergency": "Good, they'll take it from here.",
    "urgent": "Good, that's the right step.",
}
# A plan to be seen told after a doctor-level or self-care answer ("ok ill book him in, thanks"): agreed in a line
PLANNED = (
    "Good, that's a sensible plan. You can ask me for a summary to take along; and if weakness, numbness or other new"
    " signs come before then, get seen sooner."
)
AGREED = {
    "emergency": "Good, that's the right thing to do. If anything changes while you wait, tell the people helping you.",
    "urgent": "Good. Being seen today is the right step; if it gets worse before then, go sooner.",
}
# A bare "ok" after an urgent or emergency level: agreement, or not; the action either way.
OK_AFTER = {
    "emergency": "If you're calling or on your way now, good. If not, please don't wait:",
    "urgent": "If you've arranged to be seen today, good. If not, please don't leave it:",
}
# A cause, foods or lifestyle asked about at an emergency level: that waits.
NOT_NOW = "What might be behind it can wait: first, please get help now."
# ... asked beside agreeing to go ("ok ill go to the walk in. but does alcohol lower magnesium?"): for the people who see them
ASK_WHEN_SEEN = (
    "That's a good question to ask whoever sees {whom}: what is behind it, and whether a blood test or a supplement is"
    " needed, is theirs to find out, and I can't tell from here."
)
# Tests asked about at an emergency ("what will they do at the hospital, what tests?"): not the twitching's blood tests.
TESTS_AT_EMERGENCY = (
    "The team who sees {whom} decides which checks and tests are needed; my documents don't cover that. What helps them"
    " most is knowing when it started, what happened, and every medicine and supplement taken."
)
# The causes asked for at an emergency: for later, without what helps (no sun, food or habits beside "get help now").
NOT_NOW_CAUSES = "Getting help now comes first; what may be behind the twitching is for later."
# Foods asked about at an urgent level: being seen comes first, the foods are for afterwards.
SEEN_FIRST = "Being seen today comes first: food will not put this right on its own, so please don't wait on it."
FOODS_AFTERWARDS = "The foods below are for afterwards, not instead."  # round 29 c22: "For afterwards:" the level, then foods
SWALLOWING_FOOD = (
    "With food or drink going down the wrong way, I won't suggest anything to eat: my documents don't cover what is safe "
    "to swallow. Until they are seen, the doctor, an out-of-hours service or a pharmacist can tell you what is safe."
)
OUTSIDE_REMEDY_NAMED = "My documents don't cover {thing}."  # ... beside the answer on food at an urgent level
NOT_NOW_URGENT = "Food and supplements are not what this needs now: please be seen by a doctor today, before anything else."
# "is this normal?", "should I worry?" while a warning sign told waits to be checked: no reassurance before the check.
CHECK_FIRST = "Before I can say whether this is normal, I need to ask you about one thing you described."
# A medicine asked about at an urgent or emergency level ("should I give him an aspirin while we wait?").
MEDICINE_NOT_NOW = (
    "Please don't start, stop or change any medicine on your own now, aspirin and painkillers included: my documents"
    " don't cover this, and the emergency operator or the doctor can say what is safe. Tell them every"
    " medicine being taken."
)
# ... asked again ("the aspirin - yes or no?"): the straight answer, in short, not "As I said just above"
MEDICINE_NOT_NOW_AGAIN = (
    "In short: no, not on your own. Give or take no medicine, aspirin included, unless the emergency operator or a"
    " doctor tells you to."
)
# Answers whose second asking gets a shorter answer of their own rather than a pointer back (words in its first
# line -> the answer in short).
SAID_SHORTER = {MEDICINE_NOT_NOW: MEDICINE_NOT_NOW_AGAIN, FEARED_UNSURE: FEARED_AGAIN, OFF_TOPIC: OFF_TOPIC_AGAIN}
# A fear, a worry or "can it wait?" at an urgent or emergency level: no reassurance about twitching.
# ... asked at an urgent level: the twitching's likeliest cause, kept apart from the sign that needs a doctor today
CAUSE_APART = (
    "For the twitching itself, what fits best from what you told me is {cause}: {why}. Whatever is behind it, {heard}"
    " still needs a doctor today."
)
# ... the cause asked about by name ("could it just be the red bull?"), when something told points to it
CAUSE_ASKED_APART = (
    "For the twitching itself, {cause} may well play a part: {why}. But it doesn't explain {heard}, which still needs a"
    " doctor today."
)
CANNOT_TELL_NOW = (
    "I can't tell from here what this is, and I can't rule anything in or out: what you described needs a doctor's "
    "eyes, and it should not wait."
)
# never "if you decide to wait" at an emergency (round 30 c03: a stroke told by a wife, "can it wait till morning?")
PUSHBACK_NOT_ALONE = "Please call now rather than wait, and don't leave anyone with these signs alone meanwhile."
PUSHBACK_CLOSING = {
    "doctor": "It's your choice when; a routine appointment is enough, and sooner if anything new appears.",
    "urgent": "It's your choice, but please don't leave it past today, and go at once if it gets worse.",
    "emergency": f"Some of these signs come and go and still need checking now. {PUSHBACK_NOT_ALONE}",
}
# Push back answered as said (free_answers.OBJECTIONS), before the level and its reason, at an urgent or emergency
# level: it has passed, it could wait for a later day, it is only some everyday thing.
OBJECTION_ANSWERS = {
    # said of anyone: "he says he's fine" is no sign easing (round 26 c03 got "I'm really glad it's easing")
    "better": {
        # said of what eased as of anyone ("its gone now", "he says he's fine"): no "good to hear" for a sign gone quiet
        # (round 36 c13, c05: "Feeling fine is good to hear" to "its gone now")
        "emergency": "Even when it passes or feels fine, signs like this still need checking at once.",
        "urgent": "Even when it eases, it can come back, and it still needs a doctor's eyes today.",
    },
    "later": {
        "emergency": "I wouldn't wait for that, not even for an appointment that's soon: this needs help now.",
        "urgent": (
            "I wouldn't wait that long. If your own doctor can't see you today, an out-of-hours service or urgent care "
            "can, evenings and weekends too."
        ),
    },
    "later_today": {
        "emergency": "Please don't wait until then, not even a few hours: with signs like these, every minute can count.",
    },
    "cost": {
        "emergency": (
            "I can't tell you what it will cost, and that worry is real. Please don't let it stop you: in the US an"
            " emergency department has to assess and stabilise anyone who comes in, insured or not, and you can ask"
            " about payment plans and financial help afterwards."
        ),
        "urgent": (
            "I can't tell you what it will cost. An urgent care or walk-in centre, or a community health centre, usually"
            " costs less than an emergency department, and you can ask the price when you call; please don't let it"
            " stop you being seen today."
        ),
    },
    "explained": {
        "emergency": (
            "It may be that, and I hope it is, but I can't tell from here, and a serious cause has to be ruled out first."
        ),
        "urgent": "It may be that, and I hope it is, but I can't tell from here, and a doctor needs to rule out the rest today.",
    },
}
# Anything else said after an urgent or emergency level, with no new fact and no question ("ok").
STILL_STANDS_LEAD = "Please don't let this wait."
# Before the one reason given again on pushback (the full card was shown when the level was announced).
MAIN_REASON = "The main reason:"
# After the answer to a yes/no check beside an urgent or emergency level.
CHECK_ANSWERED = "Thank you for answering."
PUSHBACK_SELF_CARE = "That's fair: nothing you told me needs a doctor now."
PUSHBACK_SELF_CARE_SHORT = "That's fair."  # ... when the level's own words say it next
# "Can it wait?", "where do I go?": how soon, by the user's level (the level's card follows).
# "does that change things?" when what was told leaves the level where it was: said plainly, the level after it
ADVICE_UNCHANGED = "It doesn't change my advice; this is where it stands:"
# "can I go after my exam at 5pm?" at a level of today: yes, the same day is what the level asks.
LATER_TODAY_OK = (
    "Yes, later today is fine, as long as it is today: that is what this level asks. If it gets worse before then, or"
    " you get chest pain, faint or struggle to breathe, don't wait: call emergency services."
)
HOW_SOON = {
    "self_care": "From what you told me, there is no hurry: a routine appointment is enough if it goes on.",
    "doctor": "It can wait for a routine appointment in the coming days, not for weeks; sooner if anything new appears.",
    "urgent": "It should not wait: be seen today, by your doctor, an out-of-hours service or urgent care.",
    "emergency": "It cannot wait: call emergency services or go to an emergency department now.",
}
# "What can I do meanwhile?", "would one drink help?", "should I drink loads of water to flush it out?" at
# an urgent or emergency level: answered as asked (nothing at home instead of being seen; what to do
# meanwhile is for the people who see them), then the level in a line.
MEANWHILE = {
    "urgent": (
        "Nothing to take, eat or drink at home replaces being seen today, and my documents don't say what to do "
        "in the meantime: the doctor, an out-of-hours service or a pharmacist can tell you."
    ),
    "emergency": (
        "Nothing to take, eat or drink replaces getting help now, and my documents don't say what to do in the "
        "meantime: the emergency call handler can tell you what to do while you wait."
    ),
}
# Where to be seen when it cannot wait for one's own doctor (an urgent or emergency level).
WHERE_TODAY = {
    "urgent": (
        # said of anyone: the patient may be a mother a daughter asks for (round 26 c28: "can see you today")
        "If the usual doctor's surgery is closed, an out-of-hours service (111 in the UK), an urgent care or walk-in "
        "centre can help the same day; if none is open, go to an emergency department."
    ),
    "emergency": (
        "Don't wait for your own doctor: the emergency number is 999 in the UK, 911 in the US and 112 in much of Europe."
        " Don't drive there yourself: an ambulance can start care on the way."
    ),
}
SEE_DOCTOR_NOTHING_YET = "Tell me what is happening and I can say how soon to see someone. In general: "
# "Why is my eyelid twitching?" in a first message: answered at once, briefly, then narrowed down.
CAUSE_FIRST = (
    "Twitching like this most often comes from everyday things: {causes}. A few quick questions will tell me which fit you best."
)
CAUSE_FITS = "From what you told me, it fits: {reasons}."
CAUSE_NO_EVIDENCE = "Nothing you told me so far points to it, but it is a common cause of twitching."
# After a question is answered in the middle of the interview, its question is asked again.
BACK_TO_QUESTION = "Back to my question:"
# Words that answer nothing to the pending question and tell nothing new: it is asked once more.
NO_ANSWER_HEARD = "Sorry, I didn't catch an answer there."
# An answer in the user's own words that the model read short of sure: how it was taken, said once.
READ_BACK = "I took that as \u201c{answer}\u201d; tell me if I got it wrong."
# A question asked again when the same words were just sent: other lead-ins, in turn.
ASK_AGAIN = ("When you're ready:", "No rush, and \u201cI don't know\u201d is fine too:", "Whenever it suits you:")
# An answer asked for again: pointed to, shortened, and an offer to explain it another way.
SELF_HARM_FOR_DOCTOR = "thoughts of suicide or self-harm"  # how the summary names it to whoever reads it
SAID_ABOVE = "As I said just above:"
LIKELIEST_AGAIN = "the likeliest causes, from what you told me, are"  # an assessment said again, by its causes' names
SAID_EARLIER = "As I said earlier:"  # what was said further back than the last few messages
SAID_ABOVE_CLOSING = "If part of it is unclear, tell me which part and I'll put it another way."
# A parent asking about their child: the sources are about adults.
CHILD_LEAD = (
    "It sounds like you're asking about your child. My sources are about adults, so I won't suggest causes "
    "or changes for a child as if they were an adult."
)

# "Could that be connected?" about a symptom just told (answers.symptom_link).
SYMPTOM_LINKED = (
    "It may be: my documents list {symptom} among the signs of {causes}, which can cause twitching too. "
    "Tell your doctor about both."
)
SYMPTOM_NOT_LINKED = (
    "My documents don't link {symptom} to twitching, so I can't say; tell your doctor about it with the twitching."
)
