package demo

import (
	"math/rand/v2"
	"strings"

	"coproduce"
)

// The words the benchmark data is made of. Every name and place is
// invented.

var places = []string{"Alder", "Beacon", "Brook", "Cedar", "Chapel", "Cross", "Elm", "Fern", "Gate", "Glebe", "Harbour", "Hazel",
	"Heath", "Holly", "Kiln", "Lark", "Linden", "Maple", "Meadow", "Mill", "Moor", "Oak", "Orchard", "Park", "Quarry", "Rowan",
	"Spring", "Station", "Tanner", "Vale", "Willow", "Wharf"}

var firstNames = []string{"Aisha", "Amir", "Bea", "Carlos", "Chidi", "Dana", "Eilidh", "Farah", "Gareth", "Hana", "Ife", "Jon",
	"Kasia", "Leon", "Mei", "Niamh", "Omar", "Pat", "Rosa", "Sunil", "Tariq", "Una", "Vik", "Wen", "Yasmin", "Zoltan"}

var surnames = []string{"Abbott", "Bello", "Chowdhury", "Dlamini", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Kowalski",
	"Lindqvist", "Mahmood", "Nowak", "Osei", "Pereira", "Quinn", "Rahman", "Singh", "Thompson", "Uddin", "Vasquez", "Walsh", "Yilmaz"}

var roleDescriptions = map[coproduce.Role]string{
	coproduce.Chair:                  "Runs the meetings fairly, so every voice is heard, and signs off the minutes.",
	coproduce.Facilitator:            "Plans the agenda with the chair and helps the group through hard conversations.",
	coproduce.Adviser:                "Gives residents independent advice on the options and the landlord's offer.",
	coproduce.ResidentRepresentative: "Speaks for neighbours in their blocks and tells them what the group is doing.",
	coproduce.OrganisationRep:        "Brings the landlord's plans, limits and decisions to the group and answers questions.",
}

var areaNames = []string{"Design of the new homes", "Moving and the right to return", "Choosing the builder", "Open space and play"}

var redLines = []struct{ kind, title, owner, reason string }{
	{"red-line", "Every secure tenant keeps a social rent", "Landlord and residents together", "Promised in the offer made before the project began."},
	{"constraint", "The scheme must pay for itself over 30 years", "The landlord's board", "The rule the funders set for the loan."},
	{"constraint", "Nothing built on the protected green", "The planning authority", "The green is protected land."},
}

var milestoneTitles = []string{"Options agreed", "Residents' ballot", "Planning permission", "First homes finished"}

var riskTitles = []struct{ kind, title string }{
	{"risk", "Building costs rising faster than the budget"},
	{"risk", "Residents losing trust during a long wait"},
	{"opportunity", "Grant for low-carbon heating"},
}

var stakeholderNames = []string{"Secure tenants", "Leaseholders", "Temporary tenants", "Local businesses", "The school",
	"Ward councillors", "The tenants' association", "The health centre"}

var torText = map[string]string{
	"vision":        "Homes residents are proud of, with everyone who wants to stay able to stay.",
	"agreement":     "We agree on the vision and the right to return. We do not yet agree on the number of new homes.",
	"roles":         "The chair runs the meetings; representatives speak for their blocks; officers bring the landlord's plans.",
	"joining":       "Residents are elected at an open meeting each spring; any resident may stand.",
	"decisions":     "We seek consensus first. If we cannot agree after two meetings, we vote, and record the minority view.",
	"information":   "Papers are shared unless commercially sensitive; then we say what is held back and why.",
	"time-out":      "Anyone may step back for a while and return; their place is kept.",
	"communication": "We listen without interrupting, and keep to the matter, not the person.",
}

var paperTitles = []string{"Project update", "Options for the new homes", "Budget report", "Rehousing plan", "Consultation results",
	"Design brief", "Planning timetable", "Repairs in the meantime", "Heating options", "Parking survey"}

var decisionIdeas = []struct{ title, context, options, outcome string }{
	{"Height of the new blocks", "The architects showed three options.", "Six storeys; eight storeys; a mix.", "A mix of four to eight storeys, tallest by the railway."},
	{"Order in which blocks move", "Who moves first affects every household.", "Oldest blocks first; those who volunteer first.", "Volunteers first, then the oldest blocks."},
	{"Shortlist of builders", "Five firms applied.", "Shortlist three; shortlist two.", "Three firms shortlisted, residents on the panel."},
	{"Play space during the works", "The playground closes in the first phase.", "A temporary space on the car park; none.", "A temporary play space on the car park."},
	{"Heating for the new homes", "A grant could pay for a heat network.", "Heat network; gas boilers; heat pumps.", "Apply for the grant for a heat network."},
	{"Date of the residents' ballot", "The ballot needs the final offer.", "Spring; autumn.", "The ballot in the autumn, after the offer is final."},
}

var actionTitles = []string{"Send the cost figures to all members", "Book the hall for the open day", "Ask the architects for larger plans",
	"Write to leaseholders about the valuation", "Find out when the survey results come", "Arrange interpreters for the next meeting"}

var outreachThemes = []string{"repairs, parking", "the rehousing offer", "play space", "noise during the works", "rents and service charges", "the ballot"}

var updateTitles = []string{"Cabinet approves the budget", "Planning committee date set", "New housing officer for the estate",
	"Survey results are in", "Funding bid submitted"}

var questions = []string{"What will service charges be in the new blocks?", "How many homes will be for social rent?",
	"When will the damp survey results be published?", "What did the viability study assume about building costs?",
	"How many households have asked to move early?"}

var trainingTopics = []string{"Reading a viability report", "How planning works", "Chairing a meeting", "Understanding the landlord offer"}

var skillTopics = []string{"Reading plans", "Housing finance", "Planning law", "Chairing", "Reaching neighbours"}

// minutesText is a meeting's minutes in Markdown, a few hundred words.
func minutesText(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("## Check-in\n\nEveryone said how they were and what they hoped from the meeting.\n\n")
	for range 2 + r.IntN(2) {
		idea := pick(r, agendaIdeas)
		b.WriteString("## " + idea.title + "\n\n")
		if idea.about != "" {
			b.WriteString(idea.about + "\n\n")
		}
		b.WriteString("Members asked questions and the officers answered them. The group agreed to come back to this once the figures are in.\n\n")
	}
	b.WriteString("## Problems and conflicts\n\nNone raised.\n")
	return b.String()
}
