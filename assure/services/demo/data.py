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
    # the Commissioner and the Chief Constable each appoint a chief finance officer (PRSRA 2011
    # Sch 1 para 6, Sch 2): they own the budget items
    (
        "Mark Ellis",
        "Chief Finance Officer",
        "OPCC",
        "mark.ellis@anyshire-pcc.example",
        "officer",
    ),
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
    (
        "Joanne Pike",
        "Chief Finance Officer",
        "Anyshire Constabulary",
        "joanne.pike@anyshire.police.example",
        "viewer",
    ),
]
FORCE_CFO, OPCC_CFO = "Joanne Pike", "Mark Ellis"

# agenda item title, action text, owner, threat codes
BOARD_TOPICS = [
    (
        "Contact centre performance",
        "Report monthly performance against the national standard of 90% of 999 calls "
        "answered within 10 seconds",
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
        "Report local delivery of CONTEST under its four Ps (Prevent, Pursue, Protect and "
        "Prepare), with Prevent referrals and the regional CT network's work",
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
        "",  # what the budget item asks for depends on the time of year: see budget_action
        FORCE_CFO,
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

# The financial year's budget cycle (1 April to 31 March), by the month an item is due at the
# board: the outturn after the year end, quarterly monitoring, the mid-year position in the
# autumn, the budget and precept proposal in the winter.
BUDGET_CYCLE = {
    **dict.fromkeys(
        (4, 5, 6), ("Report the provisional revenue and capital outturn for the year", FORCE_CFO)
    ),
    **dict.fromkeys(
        (7, 8, 9),
        ("Provide the quarter 1 budget monitoring position and the savings plan", FORCE_CFO),
    ),
    **dict.fromkeys(
        (10, 11),
        ("Provide the mid-year budget monitoring position and the savings plan", FORCE_CFO),
    ),
    **dict.fromkeys(
        (12, 1),
        (
            "Present the draft budget, the precept proposal for the Police and Crime Panel and "
            "the medium-term financial plan",
            OPCC_CFO,
        ),
    ),
    **dict.fromkeys(
        (2, 3),
        ("Provide the quarter 3 budget monitoring position and the forecast outturn", FORCE_CFO),
    ),
}

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
    (
        "Police response to public disorder: national thematic inspection",
        "national",
        40,
        None,
        [],
    ),
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

# The last complete year's assessment of each threat on each heading: (level, rationale), as
# an officer would write it from that threat's evidence. Keyed by threat code, so the plan's six
# and SPR 2023's seven are both covered. The demo leaves cyber's consistency unassessed.
ASSESSMENTS: dict[tuple[str, str], tuple[str, str]] = {
    ("terrorism", "capacity"): (
        "substantial",
        "The regional CT network's assurance visit confirmed the force meets its share of "
        "counter terrorism posts; Special Branch and ports posts were fully staffed all year.",
    ),
    ("terrorism", "capability"): (
        "reasonable",
        "The Protect and Prepare exercise with the CT network tested the armed and CBRN "
        "response; two of its nine learning points (command handover and casualty reception) "
        "are still open.",
    ),
    ("terrorism", "consistency"): (
        "reasonable",
        "The force follows the national CT policing standards; the exercise found its call "
        "handlers' script for a marauding terrorist attack differed from the regional one, and "
        "it is being aligned.",
    ),
    ("terrorism", "connectivity"): (
        "limited",
        "Prevent referrals reach the regional CT network, but the board saw no evidence that "
        "the Channel panel and local partners share cases promptly; a follow-up paper has been "
        "asked for.",
    ),
    ("soc", "capacity"): (
        "reasonable",
        "The ROCU tasking review shows the force met its regional commitments in three "
        "quarters of four; analyst vacancies held back the fourth.",
    ),
    ("soc", "capability"): (
        "reasonable",
        "County lines intensification weeks closed 14 lines and safeguarded 22 young people; "
        "financial investigation capacity is still below the force's own target.",
    ),
    ("soc", "consistency"): (
        "limited",
        "Two districts map and score organised crime groups differently; the force's own audit "
        "found the national mapping standard applied in only half of new cases.",
    ),
    ("soc", "connectivity"): (
        "substantial",
        "The force tasks jointly with the ROCU and the National Crime Agency as a matter of "
        "routine, and partners attend every monthly serious and organised crime board.",
    ),
    ("cyber", "capacity"): (
        "reasonable",
        "The cyber and digital capacity review found the cyber crime unit at full strength, "
        "but with one person covering incident response out of hours.",
    ),
    ("cyber", "capability"): (
        "limited",
        "The cyber incident table-top exercise exposed gaps in capturing evidence from "
        "compromised systems; no evidence this year showed them closed.",
    ),
    ("cyber", "connectivity"): (
        "reasonable",
        "Referrals to the regional cyber crime unit and Action Fraud follow the national "
        "process; the Local Resilience Forum has yet to write a cyber incident into its plans.",
    ),
    ("csa", "capacity"): (
        "limited",
        "Online child sexual abuse referrals rose by a third; the scrutiny meeting heard the "
        "unit takes 40 days on average to act on a referral, against its 30-day target.",
    ),
    ("csa", "capability"): (
        "substantial",
        "Online CSA investigators are trained and accredited, and the scrutiny meeting saw "
        "digital forensic triage used on every referral.",
    ),
    ("csa", "consistency"): (
        "reasonable",
        "The multi-agency safeguarding partnership audit found strategy discussions held on "
        "time in most cases, though recording still varies between districts.",
    ),
    ("csa", "connectivity"): (
        "reasonable",
        "The partnership audit found information shared well with children's social care, but "
        "health partners joined fewer than half the strategy discussions sampled.",
    ),
    ("public-order-civil-emergencies", "capacity"): (
        "substantial",
        "The force supplied every public order unit asked of it as mutual aid during the "
        "year's disorder, and met the flooding exercise's demands, while keeping its own "
        "minimum cover.",
    ),
    ("public-order-civil-emergencies", "capability"): (
        "reasonable",
        "Public order commanders are accredited; the flooding exercise debrief found the "
        "force's tactical advisers need more training in evacuation planning.",
    ),
    ("public-order-civil-emergencies", "consistency"): (
        "reasonable",
        "Public order training and kit follow the national specification; the mutual aid "
        "debrief found one unit's vehicles did not match the national fleet.",
    ),
    ("public-order-civil-emergencies", "connectivity"): (
        "limited",
        "In the Local Resilience Forum's flooding exercise partners could not reach the "
        "force's tactical commander for the first two hours; the call-out list is being "
        "rewritten.",
    ),
    ("vawg", "capacity"): (
        "reasonable",
        "The domestic abuse joint inspection follow-up found the specialist teams staffed, "
        "with caseloads above the national guidance in one district.",
    ),
    ("vawg", "capability"): (
        "reasonable",
        "The VAWG delivery plan scrutiny saw most detectives trained in rape investigation; "
        "the joint inspection follow-up asked for closer supervision of cases.",
    ),
    ("vawg", "consistency"): (
        "limited",
        "Rape investigations follow the national operating model (Operation Soteria) in one "
        "district only; the roll-out across the force has slipped a year.",
    ),
    ("vawg", "connectivity"): (
        "substantial",
        "The joint VAWG partnership hub brings the force, councils and victim services "
        "together every day; the delivery plan scrutiny saw its shared case reviews.",
    ),
    ("public-disorder", "capacity"): (
        "substantial",
        "The force supplied every public order unit asked of it as mutual aid during the "
        "year's disorder while keeping its own minimum cover.",
    ),
    ("public-disorder", "capability"): (
        "reasonable",
        "Public order commanders are accredited; the mutual aid debrief asked for more "
        "officers trained for evidence gathering and arrest teams.",
    ),
    ("public-disorder", "consistency"): (
        "reasonable",
        "Public order training follows the national curriculum; the mutual aid debrief found "
        "one unit's vehicles did not match the national fleet.",
    ),
    ("public-disorder", "connectivity"): (
        "limited",
        "Community tension monitoring with councils and faith groups is informal; the board "
        "has asked for a partnership plan before next summer.",
    ),
    ("civil-emergencies", "capacity"): (
        "substantial",
        "The force met every request in the Local Resilience Forum's flooding exercise from "
        "its own resources, and its on-call commanders were available all year.",
    ),
    ("civil-emergencies", "capability"): (
        "reasonable",
        "The flooding exercise debrief found the force's tactical advisers need more training "
        "in evacuation planning.",
    ),
    ("civil-emergencies", "consistency"): (
        "reasonable",
        "Major incident plans follow the Joint Emergency Services Interoperability Principles "
        "(JESIP), but the exercise found the shared incident log opened late.",
    ),
    ("civil-emergencies", "connectivity"): (
        "limited",
        "Partners in the flooding exercise could not reach the force's tactical commander for "
        "the first two hours; the Local Resilience Forum is rewriting its call-out list.",
    ),
}
