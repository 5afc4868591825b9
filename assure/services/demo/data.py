"""The fictional Anyshire force's people, board topics, reports and evidence (demo content)."""

from __future__ import annotations

# name, job role, organisation, e-mail, access
PEOPLE = [
    (
        "Alex Morgan",
        "Police and Crime Commissioner",
        "OPCC",
        "alex.morgan@anyshire-pcc.example",
        "commissioner",
    ),
    ("Sarah Okafor", "Chief Executive", "OPCC", "sarah.okafor@anyshire-pcc.example", "officer"),
    ("Tom Reid", "Governance Officer", "OPCC", "tom.reid@anyshire-pcc.example", "officer"),
    (
        "Priya Shah",
        "Head of Performance and Scrutiny",
        "OPCC",
        "priya.shah@anyshire-pcc.example",
        "officer",
    ),
    (
        "Helen Marsh",
        "Chief Constable",
        "Anyshire Constabulary",
        "helen.marsh@anyshire.police.example",
        "viewer",
    ),
    (
        "Martin Doyle",
        "Deputy Chief Constable",
        "Anyshire Constabulary",
        "martin.doyle@anyshire.police.example",
        "viewer",
    ),
    (
        "Rachel Hume",
        "Assistant Chief Constable, Crime",
        "Anyshire Constabulary",
        "rachel.hume@anyshire.police.example",
        "viewer",
    ),
    (
        "David Kerr",
        "Assistant Chief Constable, Operations",
        "Anyshire Constabulary",
        "david.kerr@anyshire.police.example",
        "viewer",
    ),
    (
        "Lisa Grant",
        "Head of Contact Centre",
        "Anyshire Constabulary",
        "lisa.grant@anyshire.police.example",
        "viewer",
    ),
    (
        "Owen Price",
        "Detective Superintendent, Public Protection",
        "Anyshire Constabulary",
        "owen.price@anyshire.police.example",
        "viewer",
    ),
    (
        "Neil Foster",
        "Head of Digital and Cyber",
        "Anyshire Constabulary",
        "neil.foster@anyshire.police.example",
        "viewer",
    ),
    (
        "Ruth Bell",
        "Emergency Planning Manager",
        "Anyshire Constabulary",
        "ruth.bell@anyshire.police.example",
        "viewer",
    ),
]

# agenda item title, action text, owner, threat codes
BOARD_TOPICS = [
    (
        "Contact centre performance",
        "Report 999 answer times against the 10-second standard, by month",
        "Lisa Grant",
        [],
    ),
    (
        "Strategic Policing Requirement update",
        "Provide the annual SPR self-assessment against each national threat",
        "Martin Doyle",
        ["terrorism", "soc", "cyber", "csa", "public-order-civil-emergencies", "vawg"],
    ),
    (
        "Serious and organised crime",
        "Brief the board on county lines disruptions and ROCU tasking",
        "Rachel Hume",
        ["soc"],
    ),
    (
        "Violence against women and girls",
        "Set out progress on the VAWG delivery plan and rape investigation outcomes",
        "Owen Price",
        ["vawg"],
    ),
    (
        "Public order capacity",
        "Confirm trained public order (PSU) numbers against the national requirement",
        "David Kerr",
        ["public-order-civil-emergencies"],
    ),
    (
        "Cyber resilience",
        "Report the results of the cyber incident exercise and the actions arising",
        "Neil Foster",
        ["cyber"],
    ),
    (
        "Child protection",
        "Provide data on online child sexual abuse referrals and time to safeguard",
        "Owen Price",
        ["csa"],
    ),
    (
        "Counter terrorism",
        "Update on Prevent referrals and the regional CT network's local work",
        "Rachel Hume",
        ["terrorism"],
    ),
    (
        "Civil contingencies",
        "Share the Local Resilience Forum exercise debrief and lessons",
        "Ruth Bell",
        ["public-order-civil-emergencies"],
    ),
    (
        "HMICFRS recommendations",
        "Present the tracker of open HMICFRS recommendations with target dates",
        "Martin Doyle",
        [],
    ),
    (
        "Budget and precept",
        "Provide the mid-year budget monitoring position and savings plan",
        "Helen Marsh",
        [],
    ),
    (
        "Digital forensics",
        "Report the digital forensics backlog and the service level agreement",
        "Neil Foster",
        ["csa", "cyber"],
    ),
    (
        "Neighbourhood policing",
        "Show neighbourhood officer abstraction rates by district",
        "David Kerr",
        [],
    ),
    (
        "Stop and search scrutiny",
        "Respond to the community panel's findings on stop and search",
        "Martin Doyle",
        [],
    ),
]

UPDATE_TEXTS = [
    "Paper drafted; awaiting data from the performance team.",
    "Data received; analysis under way.",
    "Discussed at the force's gold group; report to follow at the next board.",
    "Figures validated with the performance team.",
]

# title, kind, days before today published, days to respond (None = not yet), grades
INSPECTIONS = [
    (
        "PEEL 2021/22: Anyshire Constabulary",
        "peel",
        1300,
        61,
        [
            ("Preventing crime", "good"),
            ("Responding to the public", "adequate"),
            ("Investigating crime", "adequate"),
            ("Protecting vulnerable people", "requires-improvement"),
            ("Managing offenders", "good"),
            ("Developing a positive workplace", "adequate"),
        ],
    ),
    (
        "PEEL 2023-25: Anyshire Constabulary",
        "peel",
        560,
        49,
        [
            ("Police powers and public treatment", "adequate"),
            ("Preventing crime", "good"),
            ("Responding to the public", "inadequate"),
            ("Investigating crime", "requires-improvement"),
            ("Protecting vulnerable people", "adequate"),
            ("Managing offenders", "good"),
            ("Developing a positive workplace", "adequate"),
            ("Leadership and force management", "adequate"),
            ("Recording data about crime", "requires-improvement"),
        ],
    ),
    ("Police response to public disorder: regional thematic", "thematic", 40, None, []),
]

EVIDENCE_POOL = [
    ("ROCU tasking and performance review", "regional", "soc", ["capacity", "connectivity"]),
    ("County lines intensification week results", "board-paper", "soc", ["capability"]),
    (
        "Regional CT network assurance visit",
        "regional",
        "terrorism",
        ["connectivity", "capability"],
    ),
    (
        "Protect and prepare exercise with the CT network",
        "exercise",
        "terrorism",
        ["capacity", "consistency"],
    ),
    ("Cyber incident table-top exercise", "exercise", "cyber", ["capability", "connectivity"]),
    ("Cyber and digital capacity review", "audit", "cyber", ["capacity"]),
    ("Online CSA referrals scrutiny meeting", "scrutiny", "csa", ["capacity", "capability"]),
    (
        "Multi-agency safeguarding partnership audit",
        "audit",
        "csa",
        ["connectivity", "consistency"],
    ),
    (
        "Mutual aid to neighbouring force for disorder",
        "mutual-aid",
        "public-order-civil-emergencies",
        ["capacity", "consistency"],
    ),
    (
        "Local Resilience Forum flooding exercise",
        "exercise",
        "public-order-civil-emergencies",
        ["connectivity", "capability"],
    ),
    ("VAWG delivery plan scrutiny: Assured", "scrutiny", "vawg", ["capability", "consistency"]),
    ("Domestic abuse joint inspection follow-up", "hmicfrs", "vawg", ["connectivity", "capacity"]),
]

# SPR 2023 threat codes that match each of the plan's six (for evidence in the older year).
SPR2023_EQUIVALENTS = {
    "public-order-civil-emergencies": ["public-disorder", "civil-emergencies"],
}
