"""Word lists for the benchmark corpus: communities, their topics, names and sentence parts.

Plain data, kept apart from the generator so corpus.py reads as logic. Changing a list
changes the generated corpora (the cache key hashes this file too).
"""

from __future__ import annotations


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


#: (id, name, kind, description, topic labels separated by ";", extra domain nouns)
COMMUNITIES = (
    (
        "field-service",
        "Field Service",
        "vertical",
        "Technicians who install, commission and repair equipment on customer sites.",
        "Centrifugal pumps; Mechanical seals; Seal flush plans; Bearing failures; Shaft alignment;"
        " Vibration analysis; Impeller wear; Cavitation; Pump commissioning; Motor couplings;"
        " Gearboxes; Positive displacement pumps; Diaphragm pumps; Progressive cavity pumps;"
        " Check valves; Pressure relief valves; Gate valves; Actuators; Variable speed drives;"
        " Site safety; Lockout tagout; Customer handover; Warranty claims; Spare parts kits;"
        " Field calibration; Leak detection; Grouting and baseplates; Lubrication;"
        " Noise complaints; Remote diagnostics",
        "casing impeller volute stator rotor shaft sleeve gland packing o-ring gasket flange"
        " baseplate coupling bearing housing lantern ring discharge suction strainer manifold"
        " nozzle bushing wear-ring thrust collar laser dial-indicator shim",
    ),
    (
        "plant-maintenance",
        "Plant Maintenance",
        "vertical",
        "Maintenance planners, fitters and electricians who keep the plants running.",
        "Preventive maintenance; Predictive maintenance; Work orders; CMMS; Root cause analysis;"
        " Compressors; Boilers; Heat exchangers; Cooling towers; Steam traps; Hydraulic systems;"
        " Pneumatics; Conveyors; Electrical panels; Thermography; Oil analysis; Welding repairs;"
        " Corrosion; Insulation; Shutdown planning; Critical spares; Asset registers;"
        " Reliability metrics; Overhaul procedures; Torque settings; Bolted joints;"
        " Confined space entry; Hot work permits; Fire systems; HVAC",
        "contactor breaker fuse busbar terminal relay solenoid cylinder accumulator filter"
        " reservoir hose fitting tube bundle baffle condenser economiser burner damper fan belt"
        " pulley sprocket chain idler roller weld bolt stud torque-wrench permit",
    ),
    (
        "supply-chain",
        "Supply Chain",
        "horizontal",
        "Planning, purchasing, logistics and warehousing, end to end across departments.",
        "Demand planning; Inventory control; Safety stock; Purchase orders; Supplier qualification;"
        " Supplier scorecards; Lead times; Freight forwarding; Customs clearance; Incoterms;"
        " Warehouse layout; Cycle counting; Goods receipt; Returns handling; Kanban; MRP runs;"
        " Sales and operations planning; Contract manufacturing; Packaging specifications;"
        " Dangerous goods shipping; Batch traceability; Expediting; Obsolete stock;"
        " Vendor managed inventory; Transport planning; Cold chain; Barcode labelling;"
        " Stock transfers; Procurement cards; Cost variance",
        "pallet carton container shipment consignment invoice quotation forecast backlog"
        " reorder-point bin location picking-list delivery-note waybill carrier broker tariff"
        " duty lot batch SKU requisition approval budget accrual variance",
    ),
    (
        "quality-compliance",
        "Quality & Compliance",
        "horizontal",
        "Audits, certificates, inspections and the records that prove we did the work right.",
        "ISO 9001; Internal audits; Nonconformance reports; Corrective actions;"
        " Calibration records; Document control; Change control; Inspection plans;"
        " First article inspection; Statistical process control; Measurement system analysis;"
        " Supplier audits; Customer complaints; Pressure equipment directive; ATEX;"
        " Material certificates; Hydrostatic testing; Weld inspection; Risk assessments;"
        " Training records; Environmental permits; Waste handling; Chemical safety;"
        " Product labelling; Traceability audits; Deviation approvals; Quality KPIs;"
        " Management review; Data integrity; Export controls",
        "auditor finding evidence certificate gauge tolerance specification drawing revision"
        " checklist sample defect concession deviation signature register procedure clause"
        " standard template record form witness hold-point dossier",
    ),
    (
        "digital-operations",
        "Digital Operations",
        "horizontal",
        "Automation, plant IT and data: from the PLC to the dashboard.",
        "SCADA; PLC programming; HMI screens; Historians; OPC UA; Alarm management;"
        " Network segmentation; Remote access; Patch management; Backups; Edge gateways;"
        " Condition monitoring; Digital twins; Dashboards; SQL reporting; Python scripts;"
        " Data pipelines; Sensor calibration; Wireless sensors; Cybersecurity incidents;"
        " User access reviews; ERP integration; Barcode scanners; Mobile apps; Label printers;"
        " Time synchronisation; Virtual machines; Firmware updates; Log analysis;"
        " Report automation",
        "tag setpoint register timestamp query schema table firewall switch VLAN certificate"
        " token endpoint server client driver module script job scheduler container image"
        " dashboard widget trend sensor transmitter gateway",
    ),
)
#: Share of items in each community, in the order above.
COMMUNITY_WEIGHTS = (0.32, 0.24, 0.18, 0.14, 0.12)

FIRST_NAMES = _split(
    "Aisha Alex Amara Ana Anders Anjali Arjun Ben Bianca Carlos Chen Chloe Daniel Dara Diego"
    " Elena Emeka Emma Farah Felix Fatima Gabriel Grace Hana Hassan Ingrid Isaac Jana Javier"
    " Jin Joao Julia Kai Kamala Kenji Lars Laura Leila Liam Lucia Mara Marek Maria Mateo Mei"
    " Mohammed Nadia Naveen Nia Nikolai Noor Olga Omar Paolo Priya Rafael Rania Rosa Sam Sanjay"
    " Sara Sean Sofia Tariq Tomas Uma Valentina Victor Wei Yara Yusuf Zara Zoë José Łukasz"
    " Björn Chloé Søren"
)
LAST_NAMES = _split(
    "Abebe Adams Ahmed Alvarez Andersen Baker Banerjee Becker Bianchi Brown Campbell Chen"
    " Costa Cruz Dang Diaz Dubois Edwards Eriksen Fernandes Fischer Garcia Gomez Gupta Hall"
    " Hansen Haddad Ito Ivanova Jensen Johnson Kaur Khan Kim Kowalski Kumar Larsen Lee Lopez"
    " Martin Meyer Mendes Moreau Murphy Nakamura Nguyen Novak Okafor Olsen Park Patel Pereira"
    " Petrov Quinn Rahman Reyes Rossi Sato Schmidt Silva Singh Smith Suzuki Tanaka Taylor"
    " Torres Tran Uddin Varga Wagner Walsh Wang Weber Wilson Yamamoto Yilmaz Zhang Müller"
    " Nuñez Ødegaard Šimić"
)

SITES = _split(
    "Rotterdam Leeds Gdansk Pune Monterrey Houston Aberdeen Lyon Turin Brno Porto Durban Perth"
    " Ulsan Bilbao Tampere Graz Cork Izmir Santos Calgary Osaka Kraków Gothenburg"
)
SYLLABLES = _split(
    "ka lo ver tra nex ion mar zen tek pro dyn flo vac sil hy dro ax or ul tri kel mon sta"
    " qua rex vol tar bri lum cor ent ix an ol"
)

GENERAL_NOUNS = _split(
    "alarm analysis approach assembly audit batch behaviour calibration capacity change check"
    " component condition configuration connection contractor cost customer cycle data delay"
    " design deviation device diagram document downtime drawing drift duty engineer equipment"
    " error estimate failure fault feedback filter firmware flow gauge handover incident"
    " inspection installation instruction interval issue job label leak level limit load log"
    " loop manual margin measurement meter method mode module motor noise operator order"
    " output overhaul owner part permit phase pressure procedure process profile program"
    " quality range rate reading record reference repair report request reset result review"
    " risk routine rule run sample schedule sensor sequence service setting setpoint shift"
    " shutdown signal site size source spare specification speed stage standard start-up"
    " status step stock supplier supply survey system team temperature template test"
    " threshold tolerance tool trend trial unit update upgrade value vendor version voltage"
    " warning wear window workaround workflow"
)
ADJECTIVES = _split(
    "abnormal accurate active additional adjacent annual automatic average backup baseline"
    " brittle calibrated central clean common complete consistent correct corroded critical"
    " current damaged default dry duplicate early electrical existing external faulty final"
    " frequent full hidden high hot incomplete inconsistent initial intermittent internal"
    " late leaking local loose low main manual mechanical minor missing new noisy nominal"
    " obsolete official old original outdated overdue partial periodic permanent physical"
    " planned portable previous primary quick rated recent regular remote repeated"
    " replacement rough routine rusty safe scheduled seasonal secondary shared short slow"
    " spare stable standard sticky temporary thermal tight typical unplanned unusual"
    " upstream downstream visible warm weekly worn wrong"
)
VERBS_PAST = _split(
    "adjusted aligned applied approved bypassed calibrated changed checked cleaned configured"
    " confirmed corrected disconnected documented drained escalated exported flushed greased"
    " inspected installed isolated logged measured migrated monitored moved ordered patched"
    " rebooted rebuilt recalibrated recorded reinstalled reloaded removed renamed repaired"
    " replaced reset restarted retested reviewed scanned sealed shimmed swapped tested"
    " tightened traced updated upgraded verified welded"
)
VERBS = _split(
    "adjust align apply approve check clean compare configure confirm correct document drain"
    " escalate export flush inspect install isolate log measure monitor order patch rebuild"
    " recalibrate record reinstall remove repair replace reset restart retest review scan"
    " shim swap test tighten trace update upgrade verify"
)
SYMPTOMS = _split(
    "keeps tripping;weeps after a day;runs hot;fails on start-up;reports wrong values;shows drift"
    ";is rejected at receipt;is delayed again;loses sync overnight;overloads under load"
    ";vibrates above spec;leaks at the joint;stalls at low speed;times out;goes missing"
    ";is out of tolerance;gets stuck;is blocked;doubles up;resets itself;flags a false alarm"
    ";cannot be found;is never approved;shows the old revision;fails the audit",
    sep=";",
)
UNITS = _split("bar mm °C kW rpm hours days minutes litres kg % mA V Hz µm m³/h")
TIME_WORDS = _split(
    "yesterday;last week;on the night shift;after the shutdown;during commissioning", sep=";"
)
DOC_KINDS = _split(
    "checklist;quick guide;training video;podcast episode;field handbook;lessons learned"
    ";worked example;walkthrough;reference card;webinar recording;standard work;FAQ",
    sep=";",
)
FORMAT_OF_KIND = {
    "checklist": "document",
    "quick guide": "document",
    "training video": "video",
    "podcast episode": "podcast",
    "field handbook": "document",
    "lessons learned": "article",
    "worked example": "article",
    "walkthrough": "video",
    "reference card": "document",
    "webinar recording": "video",
    "standard work": "document",
    "FAQ": "link",
}

#: Sentence templates. Slots: {n} {n2} noun, {a} adjective, {vp} verb past, {v} verb,
#: {t} a topic of the item, {c} equipment code, {e} error code, {q} quantity, {s} site,
#: {p} product name, {w} when, {sym} symptom, {who} first name.
PROBLEM_SENTENCES = (
    "After we {vp} the {n} on the {c}, the {n2} {sym}.",
    "The {a} {n} at {s} {sym} and nobody knows why.",
    "Operators see {e} on the {p} panel roughly every {q}.",
    "It started {w}, right after the {a} {n} was {vp}.",
    "We have {vp} the {n2} twice and checked the {t} settings against the manual.",
    "The {n} reading sits at {q} while the specification says it should be lower.",
    "{who} thinks the {a} {n2} is the cause, but the {n} log does not show it.",
    "Is there a known issue with {t} on the {p} range?",
    "The vendor suggested we {v} the {n}, which did not help.",
    "Our {n} procedure for {t} does not cover the {a} {n2} case.",
    "Every time the {n} is {vp}, the {n2} {sym}.",
    "This costs us about {q} of {a} downtime per month.",
    "The {c} was installed last year and the {n} has been {a} since.",
    "We are not sure whether this needs a change to the {t} record or just a {a} {n}.",
)
ANSWER_SENTENCES = (
    "Nine times out of ten this is the {a} {n}, not the {n2}.",
    "First {v} the {n} on the {c} and compare it with the {t} datasheet.",
    "We had the same {n} at {s}; the fix was to {v} the {n2} and {v} the {n} afterwards.",
    "Check that the {n} setting is {q}, which the {p} manual lists as the default.",
    "If {e} appears again, {v} the {a} {n} before you touch the {n2}.",
    "The root cause is usually a {a} {n2} left over from the previous {n}.",
    "Ask the {t} SME to {v} the change; it takes about {q}.",
    "Once the {n} was {vp}, the {n2} stayed within tolerance for {q}.",
    "Do not {v} the {n} while the {c} is running.",
    "Log the result in the {n} record so the next shift can see it.",
    "The newer {p} firmware fixes the {a} {n} behaviour described here.",
    "{who} documented the {t} steps in the site wiki after the last {n}.",
)
RESOURCE_SENTENCES = (
    "This {kind} covers {t} from the {a} {n} to the final {n2}.",
    "It was recorded at {s} and walks through a real {n} on the {c}.",
    "Use it before you {v} a {n} for the first time.",
    "The section on the {a} {n2} answers most questions we get about {t}.",
    "Prepared with the {p} team; it replaces the {a} {n} guide.",
    "Expect about {q} to go through it end to end.",
)
STEP_SENTENCES = (
    "{v} the {n} and note the reading",
    "{v} the {a} {n2} on the {c}",
    "compare the {n} with the {t} checklist",
    "{v} the {n} if it shows {e}",
    "record the {n2} in the work order",
    "ask {who} to {v} the {n}",
)
HEADINGS = {
    "problem": ("What I tried", "Symptoms", "Context", "What we know so far"),
    "answer": ("Steps", "Why it works", "Before you start", "If that does not help"),
    "resource": ("What it covers", "Who it is for", "Highlights"),
}
