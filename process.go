package coproduce

// StageGuide explains one stage of a regeneration project in plain words:
// what happens in it, and what residents can shape while it lasts. The
// stages are those of the RIBA Plan of Work 2020; the explanations are
// the product's own. The framework asks groups to go over the stages of
// the process often, as many times as people need, because they are hard
// to follow the first time (principle 9, sharing information).
type StageGuide struct {
	Happens   string // what happens in this stage
	Influence string // what residents can shape
	Watch     string // what is easy to miss, or is decided elsewhere
}

// ProcessGuide explains every RIBA stage: ProcessGuide[n] is stage n,
// named RIBAStages[n].
var ProcessGuide = []StageGuide{
	{
		Happens:   "The landlord and the council work out why change is needed and whether a project is the right answer: repairs, new homes, or something else. They look at the money, the land and the rules, and decide whether to go ahead.",
		Influence: "Whether there is a project at all, and what problem it is meant to solve. Residents' own view of what is wrong with the estate, and what must not be lost, belongs here, before anything is drawn.",
		Watch:     "Options ruled out now are rarely brought back later. Ask to see the options that were looked at and why each was dropped.",
	},
	{
		Happens:   "The project's brief is written: what it must deliver, for whom, by when and for how much. Surveys of the buildings and the land are done, and the design team is chosen.",
		Influence: "What goes into the brief: the number and kind of homes, rents, the right to return, space for play and community, how residents will move and when. Residents can help choose the architects and advisers.",
		Watch:     "The budget set here limits every later choice. Ask what the brief assumes about costs and income.",
	},
	{
		Happens:   "Architects turn the brief into first ideas: where buildings go, how tall they are, how people move around the estate. Several options are usually drawn and compared.",
		Influence: "The big choices: layout, heights, green space, which buildings stay. This is the stage where residents can change most, because nothing is fixed yet.",
		Watch:     "Drawings can look final when they are not. Ask which parts are open to change and which are fixed by the brief or the budget.",
	},
	{
		Happens:   "The chosen design is worked up in detail and checked against costs, structure and the rules. The planning application is usually made at the end of this stage, and the planning authority decides on it.",
		Influence: "Room sizes and layouts, entrances, storage, balconies, accessibility, the look of the buildings. Residents can comment on the planning application as anyone can.",
		Watch:     "After planning permission, big changes mean a new application. Raise what matters before the application goes in.",
	},
	{
		Happens:   "The design is finished in enough detail to build it. The builder is usually chosen now (procurement), on price and quality, and the building contract is signed.",
		Influence: "Finishes and fittings, choices offered to households, and how the builder will be chosen: residents can sit on the panel and help weigh quality against price.",
		Watch:     "Once the contract is signed, every change costs money and time. Ask how resident choices will be written into the contract.",
	},
	{
		Happens:   "The builder builds. Some households move, temporarily or for good, and come back as homes are finished, often in phases over several years.",
		Influence: "How the works are lived with: working hours, noise and dust, safe routes, parking, how residents are kept informed, and how moves are planned household by household.",
		Watch:     "Problems found during building can change what was promised. Ask to be told of any change to the design and why.",
	},
	{
		Happens:   "Finished homes are handed over to the landlord and then to residents. Defects are listed and put right.",
		Influence: "What is checked before homes are accepted, how residents learn to use new heating and equipment, and how defects are reported and fixed.",
		Watch:     "Defects must usually be reported within a set period. Ask how long it is and how to report them.",
	},
	{
		Happens:   "People live in the new homes. The landlord looks after them and checks whether the project did what it set out to do.",
		Influence: "How the estate is run and looked after from now on, and what the next project learns from this one: residents' experience is the best evidence of whether it worked.",
		Watch:     "Ask for the review of the project to be shared, and for residents to take part in it.",
	},
}
