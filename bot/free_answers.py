"""An answer to the bot's pending question in the user's own words, read as yes or no.

"How have you been sleeping lately?" answered "Not so well, I wake up at 4 most nights" is
poor sleep (a "yes" to the question's fact), whatever intent the classifier guessed ("most
nights" once read as a goodbye). Each interview question has words that mean its yes and its
no; a plain yes or no word counts for any question, and "not sure" (or a typed "Skip") is the
"I don't know" answer. Returns None when the words say none of these, so nothing is guessed.
"""

from __future__ import annotations

import re

from bot.nlu.normalise import normalise
from bot.nlu.people import CHILD, OTHER_ADULT
from bot.questions import questions_in

AFFIRM, DENY, DONT_KNOW = "affirm", "deny", "dont_know"
MEANINGS = (AFFIRM, DENY, DONT_KNOW)

# a yes in part, or at times ("kinda", "sometimes at night", "on and off"): a yes to a yes-or-no question
_PARTLY = (
    r"kind of|kinda|sort of|sorta|a bit|a little(?: bit)?|somewhat|partly|sometimes|at times|on and off|off and on|"
    r"now and (?:then|again)|every (?:now and then|now and again|so often|once in a while)|occasionally|once or twice|"
    r"a few times|here and there|(?:i )?guess so|(?:i )?suppose so"
)
_YES = r"yes|yeah|yep|yup|ya|sure|definitely|absolutely|correct|right|kind of|sort of|a bit|a little"
# "I do", "I have": a yes only said alone ("I have, a bit"); "I have chest pain" tells something else
_YES_ALONE = r"i do|i have|i am|i did"
_UNSURE = r"no idea|not sure|unsure|dunno|don't know|dont know|do not know|idk|no clue|can't say|cant say|skip"
# a hedge alone is "I don't know"; before an answer it only softens it ("maybe 5 hours")
_HEDGE = r"maybe|perhaps|possibly|might be|hmm+ maybe"
_NO = r"nope|nah|neither|not really|never|none|i don't|i dont|i do not|i haven't|i havent|i'm not|im not|not at all"
# a bare "no" is an answer when it stands alone ("no", "no, she doesn't", "no I'm fine"); before a
# thing it denies that thing ("no weakness that I know of" is no answer to a question on the heart)
_NO_ALONE = (
    r"no(?=\W*$|\s*[,.;:!?-]|\s+(?:i|i'm|im|i've|ive|she|he|they|we|it|its|it's|not|never|nothing|none|thanks|thank|"
    r"really|way|just|only|that|thats|that's|sorry|but|and|to|nope|no|nah|sir|mate|all|at|lol|haha|bro|man|dude)\b)"
)

# The pseudo-question of every yes/no check ("Just to check: have you actually fainted?"): its
# plain yes and no words only, and "fine", "ok", "all good" as a no.
CHECK = "check"

# Questions asked as yes or no (the others ask how much or how well).
_YES_NO_QUESTIONS = {"nerve_symptoms", "stress", "medications", "exercise", "alcohol", CHECK}
# question id -> (words, meaning) in the order they are tried: "not so well" before "well".
_BY_QUESTION: dict[str, tuple[tuple[str, str], ...]] = {
    CHECK: (
        (
            r"(?:i'?m |i am |all |it'?s )?(?:fine|ok|okay|good|alright|all right)|not at all|no way|of course not|"
            r"nothing like that|"
            # "i'm exhausted from no sleep, not like that": the words taken another way than they were meant
            r"not (?:like|in) that (?:way|sense)|not like that|(?:that'?s |thats )?not what i meant|"
            r"(?:didn'?t|did not|don'?t|do not) mean (?:it )?(?:like that|that way|in that way)",
            DENY,
        ),
    ),
    "sleep": (
        (r"not (?:so |very |too |that |really )?(?:well|good|great|much|enough)", AFFIRM),
        (r"not (?:too |that |so )?bad", DENY),
        (
            r"badly|bad|poorly|terrible|terribly|awful|horrible|rough|wake up|waking|woken|insomnia|can't sleep|"
            # 6 hours too: short of the 7 most adults need ("6-7 hours" is read below, as enough)
            r"cant sleep|can't fall asleep|restless|(?:only |just |about |maybe )?(?<![\d.])(?:[1-6]|one|two|three|four|five|six)"
            r"(?:\s*(?:-|to|or)\s*[1-6])?\s*(?:hours?|hrs?|h)\b|barely|hardly|exhausted|shift work|night shifts?",
            AFFIRM,
        ),
        (
            r"(?:pretty |quite |really |very )?(?:well|good|great|fine|ok|okay|alright|normal|normally)|"
            r"(?<![\d.])(?:7|8|9|10|seven|eight|nine|ten)(?:\s*(?:-|to|or)\s*(?:8|9|10))?\s*(?:hours|hrs?|h)\b|"
            r"like a baby|like a log|no problems?",
            DENY,
        ),
    ),
    "caffeine": (
        (
            r"not (?:a lot|much|many|really)|none|no caffeine|don't drink|dont drink|do not drink|little|"
            r"hardly any|barely any|decaf",
            DENY,
        ),
        (r"(?:just |only )?(?:one|1|a|two|2) (?:cup|coffee|mug|tea|cups|coffees|mugs|teas)|a cup|one cup", DENY),
        (
            r"a lot|lots|loads|tons|too much|plenty|heaps|many|several|energy drinks?|pre-?workout|"
            r"(?:[3-9]|three|four|five|six|seven|eight|ten) (?:cups|coffees|cans|mugs|shots|espressos|energy drinks)",
            AFFIRM,
        ),
    ),
    # weakness or numbness: only a clear "nothing of the sort" is read; a sign said in words is
    # an entity of its own ("my grip is weaker"), and a vague "sort of" is not guessed at
    "nerve_symptoms": (
        (
            r"nothing like that|none of (?:those|that|them|it)|(?:just|only) the twitch\w*|all (?:fine|good|normal)|"
            r"everything (?:else )?(?:is |feels )?(?:fine|normal|ok|okay)|strength is (?:fine|ok|okay|normal|good)|"
            r"(?:feel|feels|feeling) (?:fine|normal|strong)",
            DENY,
        ),
    ),
    # a diuretic or a steroid: "nothing" is no; another named medicine may be either, so it is not read
    "medications": (
        (
            r"no (?:meds|medication|medications|medicine|medicines|pills|prescriptions?)|nothing|none|"
            r"not on (?:any|anything)|(?:don't|dont|do not) take (?:any|anything)|(?:just|only) (?:vitamins|supplements)",
            DENY,
        ),
    ),
    "exercise": (
        (
            r"not (?:really|much|lately|at all|hard)|barely|hardly|sedentary|desk job|couch|lazy|nothing much|"
            r"(?:don't|dont|do not|never|rarely) (?:\w+ )?(?:exercise|work out|workout|train|run|lift|go to the gym|do sports?)|"
            r"no (?:exercise|sport|gym)|(?:just|only) (?:walking|walks)",
            DENY,
        ),
        (
            r"gym|work(?:ing)? ?out|workouts?|training|train|running|run|lifting|lift|sports?|marathon|crossfit|"
            r"cycling|hiking|football|soccer|tennis|yoga|sweat\w*",
            AFFIRM,
        ),
    ),
    # plain water: a normal amount is no to both; "not much" is the lexicon's (an entity)
    "fluids": (
        (
            r"normal|enough|plenty|(?:a few|several|6|7|8|six|seven|eight) glasses|"
            r"(?:1|2|3|one|two|three)(?:\.5)? ?(?:l|litres?|liters?)",
            DENY,
        ),
    ),
    # no particular diet: a named diet is an entity of its own ("vegan for years")
    "diet": (
        (
            r"(?:no|not any|nothing|none|not on any) ?(?:particular|special|specific|real)?(?: diet)?|normal|regular|"
            r"ordinary|usual|typical|standard|everything|anything|omnivore|a bit of everything|mixed|balanced|"
            r"(?:i )?eat (?:it all|whatever|most things)",
            DENY,
        ),
    ),
    "alcohol": (
        (r"rarely|hardly|barely|never|occasionally|once in a while|not (?:really|much|often|regularly)|sober", DENY),
        (r"every (?:day|night|weekend)|most (?:days|nights)|weekends?|a lot|quite a bit|beers?|wine|drinks? a night", AFFIRM),
    ),
    "stress": (
        (r"not (?:really|stressed|particularly|much|too bad|that much)|no more than usual|relaxed|calm|chill", DENY),
        (
            r"stressed|stressful|stress|anxious|anxiety|worried|overwhelmed|very|a lot|lots|tons|so much|crazy|hectic|"
            r"burn(?:ed|t)? out|burnout|pressure|panic",
            AFFIRM,
        ),
    ),
}


def _said(pattern: str, text: str) -> bool:
    return re.search(rf"(?<![\w'])(?:{pattern})(?![\w'])", text) is not None


# Small talk that is not an answer, even when it holds an answer's word ("ok thanks, bye").
_SMALL_TALK = r"bye|goodbye|good bye|thanks|thank you|thx|ty|cheers|see you|see ya|hello|hi|hey|good morning|good night"


# A message that says it is about something else than the twitching ("unrelated, but my knee...").
_ASIDE = (
    r"unrelated|off topic|off-topic|different (?:question|topic|thing|issue)|other (?:question|thing|issue)|"
    r"(?:not|nothing) (?:about|to do with|related to) (?:the |my )?(?:twitch\w*|muscles?)|"
    r"random (?:question|q|qn)|side (?:question|q)|"
    r"separate (?:question|issue|thing)"
)


def _says(pattern: str, text: str) -> bool:
    """The plain form of `text` says one of `pattern`'s phrases."""
    return _said(pattern, normalise(text).lower())


def is_aside(text: str) -> bool:
    """The message says it is about something other than the twitching."""
    return _says(_ASIDE, text)


# A request that loses what was said must say so in words: "do you remember what you told me?"
# taken for "delete my data" erased a conversation.
_DELETE = r"delet\w*|eras\w*|remov\w*|wip\w*|clear\w*|forget|get rid of|destroy\w*|scrub\w*|don'?t keep|do not keep|gdpr"
_START_OVER = (
    r"start (?:over|again|fresh|afresh|anew|from scratch)|restart\w*|reset\w*|begin (?:again|anew)|from scratch|"
    r"from the (?:beginning|start|top)|back to the (?:beginning|start)|new (?:conversation|chat)|fresh start|"
    r"clean slate|wip\w*"
)


# A goodbye says so in words: "still there" (the twitch is) taken for a goodbye ended an interview.
_FAREWELL = (
    r"by+e+|bye+ bye+|goodbye|good bye|see you|see ya|cya|ttyl|later|laters|gtg|g2g|got to go|gotta go|have to go|"
    r"good ?night|nite|night night|that'?s all|that is all|i'?m done|all done|done for now|signing off|take care|"
    r"farewell|cheers|thanks|thank you|thx|ty|ta|i'?m off|im off|leaving now|logging off|talk soon|speak soon|"
    r"have a (?:good|nice|great|lovely) (?:day|night|one|evening|weekend)|peace out|adios|cheerio|ta-?ra|"
    r"until next time|ttfn|night|that'?s it for (?:now|today)|gotta run|got to run|catch you|i'?m leaving"
)


def says_farewell(text: str) -> bool:
    return _says(_FAREWELL, text)


# "forget it", "oh just forget about it then": "never mind", no request to delete anything (round 40 c21: a frustrated
# "forget it" deleted the whole conversation)
_DISMISSED = re.compile(
    r"^\W*(?:(?:oh|ah|ugh|meh|ok|okay|fine|just|nah|lol|whatever)\W+)*(?:just\s+)?forget\s+(?:it|that|about\s+it)"
    r"(?:\W+(?:then|lol|haha|whatever|never\s*mind))*\W*$",
    re.IGNORECASE,
)


def asks_to_delete(text: str) -> bool:
    return _says(_DELETE, text) and not _DISMISSED.match(normalise(text))


def asks_to_start_over(text: str) -> bool:
    return _says(_START_OVER, text)


# Where the advice sends someone: "A&E", "urgent care", "the GP", "the ER", "a walk-in clinic".
_CARE = (
    r"(?:the |my |an? |to )*(?:a ?& ?e|a and e|er|e\.r\.?|ed|emergency(?: room| department)?|hospital|urgent care|"
    r"walk-?in(?: clinic| centre| center)?|gp|doctors?'?s?|clinic|out of hours|surgery|ambulance|ward|111|999|911|112|nhs)"
)
# Saying they will act on the advice: "ok fine, I'll call them", "on our way", "booked for 4pm",
# "going to A&E", "ok, urgent care then".
_GOING = (
    r"(?:i'?ll|i will|we'?ll|we will|gonna|going to|i'?m going to|about to) (?:call|ring|phone|go|head|take|drive)\w*|"
    r"(?:calling|ringing|phoning|dialling|dialing) (?:now|them|an ambulance|999|911|112|111)|on (?:my|our) way|"
    # "ok ok im calling", "im phoning the hospital" (round 33 c03, c27: taken for a question, the advice pasted again)
    rf"\b(?:i'?m|im|i am|we'?re|were) (?:calling|ringing|phoning|dialling|dialing)(?: {_CARE})?(?=\s*(?:now\b|[.!,]|$))|"
    rf"\b(?:calling|ringing|phoning) {_CARE} now\b|"
    r"heading (?:in|there|over)\b|(?:leaving|going) now|will do|doing that now|getting (?:a|an|the) "
    r"(?:taxi|uber|lift|ambulance)|"
    rf"(?:going|heading|off|driving|taking (?:him|her|them|me)|booking|booked|calling|ringing) (?:in )?(?:to )?{_CARE}\b|"
    rf"^(?:(?:ok(?:ay)?|fine|alright|right|yes|yeah|sure)[\s,.!]+)+{_CARE} (?:then|it is)\b|"
    # someone else taking them: "my sister can take me", "fine, my husband will drive us"
    r"\b(?:will|can|'ll|is going to|is gonna|is taking|is driving) (?:take|drive|bring|taking|driving) (?:me|us)\b|"
    # "ok i'll get my sister to take me to urgent care", "I'll ask my husband to drive me" (round 40 c05: answered as push back)
    r"\b(?:i'?ll|ill|i will|gonna|going to) (?:get|ask|have) (?:my |a |the |our )?\w+ (?:to )?(?:take|drive|bring) (?:me|us)\b|"
    # "they've taken him in", "the paramedics are here", "the ambulance is on its way" (round 26 c12: "Please don't let
    # this wait" again)
    r"(?:they'?ve|they\s+have|paramedics\s+(?:have|'ve)?|ambulance\s+(?:has|'s)?)\s*(?:taken|took)\s+(?:him|her|them|me)\s+(?:in|away|to)\b|"
    r"\b(?:paramedics|ambulance|ambulance\s+crew)\s+(?:is|are|'s|'re)\s+(?:here|on\s+(?:its|their|the)\s+way|coming|outside)\b|"
    # "my sister is driving me to the ER", "hubby's taking me in now"
    rf"(?:\b(?:is|are)|\w+'?s) (?:driving|taking|bringing|rushing) (?:me|us|him|her|them) "
    rf"(?:in|there|now|to {_CARE}|into {_CARE})|"
    # "fine ill get checked", "ok I'll get it looked at", "I'll book the gp" (round 23 c10: met with the why again)
    r"(?:i'?ll|ill|i will|we'?ll|gonna|going to) (?:get (?:it |him |her |them |myself )?(?:checked|seen|looked at)|"
    r"book (?:in|an appointment|a (?:gp|doctor)|the (?:gp|doctor)))|"
    # "ok ill book him in", "i'll make a gp appointment then", "we'll get her booked in with the paediatrician" (round 32
    # c12: taken for nothing, "Sorry, I didn't quite get that")
    r"(?:i'?ll|ill|i will|we'?ll|we will|gonna|going to|i'?m going to) (?:book|make|arrange|get|schedule|set up)\s+"
    r"(?:(?:him|her|them|me|us|myself|an?|the|my|his|our|their)\s+)?(?:(?:booked\s+)?in\b|(?:gp\s+|doctors?\s+|doc\s+)?"
    r"(?:appointments?|appt)\b|(?:gp|doctors?|paediatrician|pediatrician)\s+(?:appointment|appt|visit)\b)"
)


# Asking whether what is told goes with the twitching: "is that related?", "could it be connected?".
_RELATING = (
    r"related|relate|connected|connection|linked|a link|part of (?:it|this|that|the same)|the same thing|go together|"
    r"what about|how about|does that (?:matter|count|mean anything)|is that (?:relevant|important|part of it)"
)


# Asking why the assistant asked what it did: "why would you ask that?", "why are you asking me this??".
_WHY_ASKED = (
    r"why\s+(?:would|do|did|are|r|were)\s+(?:you|u)\s+(?:even\s+)?(?:ask|asking)\b|"
    r"what\s+makes\s+you\s+(?:ask|think\s+that)"
)


def asks_why_asked(text: str) -> bool:
    """The message asks why the assistant asked its question ("why would you ask me that?")."""
    return _says(_WHY_ASKED, text)


def asks_if_related(text: str) -> bool:
    """The message asks whether something goes with the twitching (a question, not "unrelated, but")."""
    return _says(_RELATING, text) and not is_aside(text)


# Saying a question went unanswered: "you didn't answer", "answer my question", "yes or no??", "did you read what I said".
_UNANSWERED = (
    r"(?:you|u) (?:still )?(?:didn'?t|did not|never|haven'?t|have not|dont|don'?t|do not|wont|won'?t) "
    r"(?:really |even |actually )?"
    r"(?:answer|answered|reply|replied|respond|responded|say|said|tell me|told me)|answer (?:my|the) (?:question|q)\b|"
    r"(?:ignored|ignoring|skipped|skipping|dodged|dodging|avoided|avoiding) (?:my|the) (?:question|q)\b|not what i asked|"
    r"(?:doesn'?t|does not|didn'?t|did not) answer (?:my|the|it)|did (?:you|u) (?:even )?read (?:what|my)|"
    r"(?:^|[.!?,]\s*)(?:just )?(?:yes or no|yes/no|y/n)\W*$"
)


def complains_unanswered(text: str) -> bool:
    """The message says a question of theirs went unanswered ("you didn't answer about the magnesium",
    "so is it ok or not? yes or no")."""
    return _says(_UNANSWERED, text)


# Seeing how it goes instead of being seen: "I'll eat yogurt and see how it goes tomorrow", "sleep it off instead".
_DEFERRING = (
    r"see how (?:it|things|i|he|she|they) (?:goes?|go|feels?|feel|am|is|are)|see how it settles|wait and see|instead|"
    r"sleep it off|(?:till|until|til) (?:tomorrow|monday|the morning|next week)|skip (?:the|going to the) (?:doctor|hospital|gp)"
)


def defers(text: str) -> bool:
    """The message says the person would wait and see, or do something at home, instead of being seen."""
    return _says(_DEFERRING, text)


# What a push back on an urgent or emergency level says, by kind, so that the reply answers it (round 24: "it was
# yesterday and I feel fine now, can't it wait till Monday?" and "probably just DOMS" got the level's words again):
# later: it could wait for a later day or an appointment; better: it has passed or eased; explained: it is only some
# everyday thing. The order is the order the reply answers them in.
OBJECTIONS = {
    "better": (
        r"(?:feel|feeling|felt|i'?m|im|i am|he'?s|she'?s|he is|she is|it'?s|its|seems?)\s+"
        r"(?:totally\s+|completely\s+|absolutely\s+|perfectly\s+|fully\s+)?"
        r"(?:fine|ok|okay|alright|all right|better|normal|back to normal)\s+(?:now|again|today|right now)|"
        r"(?:feel|feeling|felt)\s+(?:totally\s+|completely\s+|perfectly\s+)?(?:fine|ok|okay|alright|normal)|"
        r"(?:it'?s|its|it has|it'?s all|has|have)\s+(?:gone|passed|stopped|settled|eased)(?:\s+(?:now|off|away|already))?"
        r"(?=\W*$|\s*[,.;!?]|\s+(?:and|but|so|now|though|tho)\b)|"
        r"(?:gone|passed|stopped|went away)\s+now|back to normal|was (?:only|just) (?:a )?(?:minute|second|moment)|"
        r"(?:says|said|insists|thinks)\s+(?:he'?s|she'?s|they'?re|hes|shes|theyre|he is|she is|they are|it'?s|its)\s+"
        r"(?:fine|ok|okay|alright|all right|just tired|nothing)"
    ),
    "later": (
        r"(?:wait|leave it|hold off|hang on|put it off)(?:\s+and\s+see)?\s+(?:till|until|til|for|to)\s+"
        r"(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the morning|morning|next week|the weekend|"
        r"after|my|his|her|the)|"
        r"(?:can|could|cant|can'?t|couldn'?t)\s+(?:it|this|that)\s+wait|"
        r"(?:go|see (?:someone|a doctor|the doctor|my gp)|get it checked)\s+"
        r"(?:tomorrow|on monday|next week|after work|in the morning)|"
        r"(?:let|leave)\s+(?:him|her|them|me)\s+(?:have\s+a\s+)?(?:sleep|nap|lie\s+down|rest)|sleep\s+it\s+off|"
        r"wants?\s+(?:a|to)\s+(?:lie\s+down|nap|sleep|rest)"
    ),
    "explained": (
        r"(?:probably|prob|surely|must be|it'?s|its|it is|just|only|i think it'?s|bet it'?s)\s+(?:just|only)\s+"
        r"(?:a |the |my |some )?(?:\w+\s+){0,3}?(?:stress|tired|tiredness|doms|sore|soreness|strain|pulled|anxiety|"
        r"panic|nerves|dehydrat\w*|hangover|heat|gym|workout|cramp|indigestion|heartburn|wind|age|old age|nothing|"
        r"coincidence)|(?:probably|must be|surely)\s+(?:from|because of|down to)\b"
    ),
    # a wait within the day: "after my shift", "once the kids are asleep", "when my husband gets home", "in an hour"
    # (round 41: "I'll go to A&E after work" met with "Good"); fine at a level of today, not at an emergency
    "later_today": (
        r"(?:after|once|when|whenever|as\s+soon\s+as|till|until|til)\s+(?:i|i'?ve|i'?m|im|we|we'?ve|we'?re|he|she|they|"
        r"my|our|his|her|their|the|work|school|uni|college|dinner|lunch|tea|breakfast|class|church|practice|training|"
        r"this|it'?s|its)\b|later(?:\s+on)?|tonight|this\s+(?:evening|afternoon|arvo)|"
        r"in\s+(?:an?|a\s+few|a\s+couple(?:\s+of)?|\d+|one|two|three|half\s+an)\s+(?:hours?|hrs?|mins?|minutes?|bit|while)|"
        r"in\s+a\s+(?:bit|while|min|sec)"
    ),
    # the cost of being seen: "i have no insurance, how much will the ER cost?" (round 35 c05: not answered)
    "cost": (
        r"(?:no|don'?t have|dont have|without|not got|haven'?t got)\s+(?:any\s+)?(?:health\s+|medical\s+)?insurance|uninsured|"
        r"(?:can'?t|cant|cannot|couldn'?t)\s+afford|how\s+much\s+(?:will|would|does|is|do)\s+(?:it|that|the\s+\w+|an?\s+\w+)\s+"
        r"(?:cost|be|charge)|(?:er|a&e|ambulance|hospital|urgent\s+care|doctor)\s+(?:bill|bills|costs?|fees?)|"
        r"(?:it'?s|its|that'?s|thats|it\s+is|hospitals?\s+(?:is|are))\s+(?:too|so|really)\s+expensive|"
        r"cost\s+(?:me\s+)?(?:a\s+fortune|a\s+lot|thousands)"
    ),
}


# Waiting for help that is on its way: "what do i do while we wait for the ambulance", "till the paramedics get here"
# (round 42 c03: answered as asking whether it could wait)
_WAITING_FOR_HELP = (
    r"(?:wait|waiting|waits)\s+for\s+(?:(?:the|an)\s+(?:ambulance|paramedics|crew)|help\s+to\s+(?:come|arrive)|"
    r"them\s+to\s+(?:come|arrive|get\s+here))\b|"
    r"(?:till|until|til|before|when|once)\s+(?:the\s+)?(?:ambulance|paramedics|crew|help|they)\s+"
    r"(?:gets?|arrives?|comes?|turns?\s+up|is\s+here|are\s+here)"
)
_HELP_AWAITED = r"ambulance|paramedics|crew|help|999|911|112|they|them"


def told_part(plain: str) -> str:
    """The sentences of a message that ask nothing."""
    asked = questions_in(plain).split("\n")
    return "\n".join(s for s in re.split(r"(?<=[.!?])\s+", plain) if s.strip() not in asked)


def awaits_help(text: str) -> bool:
    """The words wait for help on its way ("while we wait for the ambulance", "till the paramedics get here")."""
    plain = normalise(text).lower()
    return _said(_WAITING_FOR_HELP, plain) and _said(_HELP_AWAITED, plain)


def objections(text: str) -> tuple[str, ...]:
    """The kinds of push back the message makes (`OBJECTIONS`), in the order the reply answers them; waiting for help
    on its way is none."""
    plain = normalise(text).lower()
    awaited = awaits_help(plain)
    # a wait within the day is one told, not one in a question ("calling now. is it normal it comes and goes when he sits?")
    told = told_part(plain)
    return tuple(
        kind for kind, pattern in OBJECTIONS.items()
        if _said(pattern, told if kind == "later_today" else plain) and not (awaited and kind in ("later", "later_today"))
    )


# Done already, whatever else is said ("I've called 999, what do I do while we wait?"): the call made, help coming.
_DONE = (
    r"\b(?:i'?ve|i have|we'?ve|we have|i|we|just|already) (?:called|rung|rang|phoned|dialled|dialed) (?:for )?"
    r"(?:them|an ambulance|the ambulance|999|911|112|111|the (?:gp|doctor|doctors|surgery|hospital|paramedics))\b|"
    r"\b(?:ambulance|paramedics|help)(?: is| are|'s)? (?:on (?:its|their|the) way|coming)\b|"
    r"\b(?:while|whilst) (?:we|i) (?:wait|are waiting|'re waiting|am waiting) for (?:the |an )?(?:ambulance|paramedics)\b|"
    r"\b(?:till|until|before) (?:the )?(?:ambulance|paramedics) (?:gets?|arrives?|comes?|is here|are here)\b|"
    r"\b(?:they'?re|they are|they'?ve|they have) (?:on (?:their|the) way|sending (?:someone|an ambulance|help|a paramedic))\b"
)
_NOT_DONE = (
    r"haven'?t|havent|have not|didn'?t|didnt|did not|not yet|(?:should|shall|do|must) (?:i|we) (?:need to )?(?:call|ring|phone)"
)


def says_going(text: str) -> bool:
    """The message says the person will do what they were told (call, go, book), with no "not",
    "later" or "maybe" that would make it a refusal or a delay ("I'll go tomorrow maybe" is not)."""
    plain = normalise(text)
    told = told_part(plain)
    # a "but" or a "later" in a question beside it is no delay ("fine ill get checked. but what should i eat?")
    # a day said in the question itself is still a delay ("my brother can take me tomorrow morning, is that soon enough?":
    # round 29 c08 got "Good. Being seen today is the right step")
    later = _says(_LATER, plain)
    return _says(_GOING, text) and not _says(_NOT_NOW, told) and not later or _says(_DONE, text) and not _says(_NOT_DONE, text)


# Reaching out to a person: "maybe ill call my sister tonight", "I'll talk to my husband when he's home",
# "gonna text my best friend", "might ring the samaritans later". After a crisis answer this is the step the
# answer asked for, even said with a "maybe" or a "tonight".
_REACHING = (
    r"(?:call|ring|phone|text|message|talk to|speak to|speak with|talk with|tell|see|go to|reach out to|open up to)\w* "
    r"(?:my |a |the |our |to )?(?:(?:best|old|close) )?(?:mum|mom|mam|mother|dad|father|sister|sis|brother|bro|husband|"
    r"hubby|wife|partner|boyfriend|girlfriend|friend|mate|son|daughter|family|aunt|auntie|uncle|gran|nan|grandma|"
    r"someone|somebody|gp|doctor|therapist|counsel+or|psychiatrist|nurse|samaritans|helpline|crisis line|988|116 ?123)\b"
)


# Saying they will not act on the thoughts: "i'm not going to do anything tonight", "i wouldnt actually do anything,
# the baby needs me", "I'm safe", "I'd never act on it". Not a refusal of help, which is met otherwise.
_SAFE_NOW = (
    r"(?:(?:not|\w+n'?t|never)\s+(?:going\s+to|gonna|actually\s+|really\s+)?\s*(?:do|act\s+on|try)\s+(?:anything|it|them|that)"
    r"|(?:i'?m|i\s+am|im)\s+(?:safe|not\s+in\s+danger)|not\s+going\s+to\s+(?:hurt|harm|kill)\s+myself)"
)


def says_safe(text: str) -> bool:
    """The message says the person will not act on thoughts of harming themselves, now or at all."""
    return _said(_SAFE_NOW, normalise(text).lower())


# The writer's own worry for the person they ask about: "i'm really worried about him", "been so scared for my mum",
# "i'm stressed out of my mind about her"
# (the adults and children the rules of bot/nlu/people.py name, not a list of their own)
_RELATIVE = rf"him|her|them|\w+'s|{OTHER_ADULT.pattern}|{CHILD.pattern}"
_WORRIED_FOR = (
    r"(?:i'?m|im|i\s+am|i'?ve\s+been|ive\s+been|i\s+have\s+been|been|i\s+was|i\s+get|i\s+feel)\s+(?:so\s+|really\s+|very\s+|"
    r"quite\s+|a\s+bit\s+|pretty\s+|super\s+|sick\s+|absolutely\s+)*(?:worried|scared|anxious|stressed(?:\s+out)?|"
    r"frightened|terrified|concerned|panicking|panicked|freaking\s+out|beside\s+myself|worried\s+sick)"
    rf"(?:\s+\w+){{0,4}}?\s+(?:about|for|over)\s+(?:{_RELATIVE})\b"
)


# A medicine taken that was not prescribed for the writer: "it wasnt prescribed tho", "the furosemide my buddy gave me",
# "my mum's water tablets", "bought them online without a prescription" (round 29 c16: "don't stop a prescribed medicine")
_NOT_PRESCRIBED = re.compile(
    r"\b(?:was(?:n'?t| not)|were(?:n'?t| not)|is(?:n'?t| not)|not|never(?: been)?)\s+(?:actually\s+|even\s+)?prescribed\b"
    r"|\b(?:buddy|buddys|friend|friends|mate|mates|pal|mum|mom|dad|brother|sister|partner|wife|husband|flatmate|roommate|"
    r"gran|nan|coworker|colleague|someone|somebody)(?:'s|s)?\s+(?:old\s+|spare\s+|leftover\s+)?(?:pills?|tablets?|meds|"
    r"medication|medicine|water\s+pills?|water\s+tablets?|furosemide|lasix|diuretics?|prednisone|prednisolone|steroids?)\b"
    r"|\b(?:furosemide|lasix|diuretics?|water\s+pills?|water\s+tablets?|prednisone|prednisolone|steroids?|pills?|tablets?|"
    r"meds|some|a\s+few)\s+(?:that\s+)?(?:my|a)\s+(?:buddy|friend|mate|pal|mum|mom|dad|brother|sister|partner|coworker|"
    r"colleague|flatmate|roommate)\s+(?:gave|give|gives|sold|passed|handed)\b"
    r"|\b(?:gave|give|gives|sold|handed)\s+me\s+(?:some\s+|a\s+few\s+)?(?:of\s+)?(?:his|her|their)\s+(?:pills?|tablets?|"
    r"meds|furosemide|lasix|water\s+pills?|steroids?|prednisone)\b"
    r"|\bwithout\s+(?:a\s+)?prescription\b|\b(?:bought|ordered|got)\s+(?:them|it|some)?\s*(?:online|off\s+the\s+internet)\b",
    re.IGNORECASE,
)


def not_prescribed(text: str) -> bool:
    """The message says a medicine taken was not prescribed for the writer (someone else's, bought online)."""
    return bool(_NOT_PRESCRIBED.search(normalise(text)))


def worried_for_another(text: str) -> bool:
    """The writer tells their own worry for the person they ask about (their feelings are not that person's)."""
    return _says(_WORRIED_FOR, text)


def reaches_out(text: str) -> bool:
    """The message says the person will, or may, turn to someone: a relative, a friend, a doctor or
    the crisis line ("maybe ill call my sister tonight"); not when they say they won't."""
    plain = normalise(text).lower()  # read once: both checks are on the same plain form
    return _said(_REACHING, plain) and not _said(
        r"won'?t|wont|will not|can'?t|cant|cannot|not going to|not gonna|no one to|nobody to|never", plain
    )


# Asking about the crisis line itself: its hours, its cost, what to say, where else to call. A word for the
# line (or "them") in a question, or a line said not to reach ("I'm not in the US", "that number won't work").
_LINE = (
    r"help ?lines?|hot ?lines?|crisis (?:line|team|number)s?|lifeline|988|samaritans|116 ?123|text line|"
    r"(?:the|that|this|those|these) (?:number|numbers|line|lines)|them|they|someone there"
)
_LINE_OUT_OF_REACH = (
    r"another country|not in (?:the )?(?:us|usa|uk|states|america|britain|ireland)|"
    r"(?:won'?t|doesn'?t|dont|don't) work (?:here|for me|abroad)"
)


def asks_about_help(text: str) -> bool:
    """The message asks about the crisis line itself ("is it open at night?", "what do I say to
    them?") or says it is out of reach ("I'm not in the US"): after a crisis answer, that is
    answered. "ok, I'll call them" is no question about the line."""
    plain = normalise(text).lower()
    asking = questions_in(plain)
    opens_with_question = bool(asking) and plain.startswith(asking.split("\n")[0])
    going = says_going(text) and not opens_with_question or reaches_out(text) and "?" not in text
    asked = bool(asking) and _says(_LINE, text) and not going
    return asked or _says(_LINE_OUT_OF_REACH, text)


_LATER = r"tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|(?:at|over) the weekend|in the morning"
# (a wait within the day, "later", "tonight", is the `later_today` objection: agreed at a level of today, not at an emergency)
_NOT_NOW = (
    r"not|n't|never|won't|wont|don't|dont|refuse|rather|tomorrow|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|next week|weekend|in the morning|maybe|might|if|unless|but|first|wait"
)


# Words that only take in what was just said: "ok", "i see", "got it, thanks", "ah okay".
_ACKNOWLEDGES = re.compile(
    r"^(?:(?:oh|ah|ahh|hmm+|um+|right|well)[\s,.!]*)?(?:ok(?:ay)?|okey|kk?|alright|all right|right|i see|got it|gotcha|"
    r"understood|fair enough|makes sense|cool|noted|sure thing)(?:[\s,.!]+(?:thanks|thank you|thx|ty|cheers|then|"
    r"got it|i see|makes sense|cool))*[\s.!]*$"
)


def only_acknowledges(text: str) -> bool:
    """The message only takes in what was said ("ok", "i see, thanks"): after an answer, no answer
    to the question asked again beside it."""
    return _ACKNOWLEDGES.match(normalise(text).lower().strip()) is not None


def is_small_talk(text: str) -> bool:
    """A greeting, thanks or goodbye: no answer to a question, even with an answer's word in it; unless words beside
    the thanks answer one ("Fine thanks" to the sleep question: round 33 c22 got "You're welcome", then the question
    again). "ok thanks, bye" answers nothing: the words of taking in what was said are no answer."""
    if not _says(_SMALL_TALK, text):
        return False
    rest = re.sub(rf"\b(?:{_SMALL_TALK})\b", " ", normalise(text).lower())
    rest = re.sub(r"\b(?:ok|okay|k|kk|alright|right|great|cool|nice|lovely|good|got it|i see|so|and|very much|a lot|again|then|"
                  r"for (?:that|this|the (?:help|info\w*|advice))|for your help)\b", " ", rest)
    rest = " ".join(re.findall(r"[\w']+", rest))
    return not (rest and any(meaning(q, rest) in (AFFIRM, DENY) for q in _BY_QUESTION if q != CHECK))


def meaning(question_id: str | None, text: str) -> str | None:
    """`affirm` (the question's fact holds), `deny`, `dont_know`, or None when the words say none of these."""
    if not question_id or not text:
        return None
    plain = normalise(text).lower()
    plain = _ACK_BEFORE_ASKING.sub("", plain) or plain  # "ok so what now": the "ok" leads into a question, it answers nothing
    if _said(_UNSURE, re.split(r"[,.;:!?]|\bbut\b", plain)[0]):
        # "not sure", or the "Skip" button's title typed: an answer, not a guess; an amount said after the doubt
        # answers a question of how much ("idk normal i guess" to the water question, round 37 c01: read as "is it
        # normal?"), never a yes-or-no one ("not sure, no?")
        after = re.sub(rf"^.*?\b(?:{_UNSURE})\b", "", plain, count=1)
        if question_id not in _YES_NO_QUESTIONS and after.strip(" ,.;:!?-"):
            for pattern, said in _BY_QUESTION.get(question_id, ()):
                if _said(pattern, after):
                    return said
        return DONT_KNOW
    # to a yes-or-no question, a plain yes or no said first decides ("no, I don't run"), before a
    # hedge later on ("not really, maybe a little tired" is a no)
    first = first_word_answer(plain)
    if first is None and question_id in _YES_NO_QUESTIONS and re.match(rf"\W*(?:{_PARTLY})(?![\w'])", _FILLERS.sub("", plain)):
        return AFFIRM  # "kinda. sometimes at night", "on and off I guess": a yes in part (round 41: "didn't get that")
    if first == DENY and question_id == CHECK and _said(rf"but\W+(?:\w+\W+){{0,2}}?(?:{_YES}|{_PARTLY})", plain):
        return AFFIRM  # "not really, but sometimes" to a check of a sign or of self-harm: the part that is a yes
    if first and question_id in _YES_NO_QUESTIONS:
        return first
    trailing_yes = bool(_TRAILING_YES.search(plain)) and not _said(r"no|not|nope|nah", plain)
    if first is None and question_id in _YES_NO_QUESTIONS and trailing_yes:
        return "affirm"  # "well he's sweating a lot and his hands shake yes.": the yes said after what it confirms
    if _said(_UNSURE, plain) or re.fullmatch(rf"\W*(?:{_HEDGE})\W*(?:(?:{_HEDGE})\W*)?", plain):
        return DONT_KNOW
    # the answer said first, then more of the story ("Fine. Although I've had a stomach bug ... could barely get up
    # the stairs", round 23 c07): the first sentence answers; only when it says nothing, the whole message
    head = _FILLERS.sub("", _MORE_AFTER.split(plain, maxsplit=1)[0])  # "well. I wake up at 4": no answer in "well"
    for part in (head, plain) if head.strip() and head.strip() != plain.strip() else (plain,):
        for pattern, said in _BY_QUESTION.get(question_id, ()):
            if _said(pattern, part):
                return said
    if first is None and _ACKNOWLEDGED.fullmatch(plain):
        return DONT_KNOW  # "ok" to "any weakness or numbness?" heard the question; it answers neither way
    return first


# Where the answer's first sentence ends and more of the story begins.
_MORE_AFTER = re.compile(r"[.;!?]+\s|\b(?:although|also|btw|by the way|anyway|oh and)\b")
# A yes that ends a sentence ("his hands shake yes. last night..."): the answer, said last.
_TRAILING_YES = re.compile(r"\b(?:yes|yeah|yep|yup)\s*(?:[.!,;]|$)")


# "ok so ...", "alright then what ...", "ok what does that mean": words that only lead into what comes next
# (round 28: "ok so what now" to the sleep question stored as sleeping fine)
_ACK_BEFORE_ASKING = re.compile(
    r"^\W*(?:ok+|okay|okey|alright|all right|right|hmm+)\W*(?:(?:so|then|but|and)\b\W*|"
    r"(?=(?:what|how|why|when|where|which|who|should|can|could|is|are|do|does|did|will|would|now what)\b))"
)
# Words that say the message was read, and nothing more.
_ACKNOWLEDGED = re.compile(r"\W*(?:ok+|okay|okey|k+|kk|alright|all right|right|i see|cool|noted)\W*")


# Sounds before an answer that change nothing: "um no??", "well yes", "oh nah".
_FILLERS = re.compile(
    r"^\W*(?:(?:um+|uh+|erm*|er|hmm+|well|oh|ah|lol|haha|ok|okay|so|what|huh|eh|wait|wtf|omg|lmao|bruh|jeez|geez|wow|whoa|"
    r"dude|man|mate|god)\b[\s,.!?]*)+"
)


def first_word_answer(plain: str) -> str | None:
    """A plain yes or no, said first ("no, I did not"; "yes, twice"; "um no??")."""
    plain = _FILLERS.sub("", plain)
    if re.match(rf"\W*(?:{_NO})(?![\w'])", plain) or re.match(rf"\W*{_NO_ALONE}", plain):
        return DENY
    alone = rf"\W*(?:{_YES_ALONE})\W*(?:$|[,.;!]|\s+(?:yes|yeah|a bit|a little|sometimes))"
    if re.match(rf"\W*(?:{_YES})(?![\w'])", plain) or re.match(alone, plain):
        return AFFIRM
    return None
