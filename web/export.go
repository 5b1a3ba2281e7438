package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"coproduce"
	"coproduce/store"
)

// A download of one of a group's records as a table, in CSV or XLSX. Rows
// go out as the store reads them, so a long record takes no more memory
// than a short one.

// exportTable is one kind of record as a table.
type exportTable struct {
	Name    string // in the address and the file name, and "export.<Name>" is its title
	Columns []string
	Numeric map[int]bool // the columns holding numbers, by position
	// Rows hands emit each row in turn, for the visitor in gr.
	Rows func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error
}

// exportTables are the downloads, in the order the export page lists them.
var exportTables = []exportTable{
	{
		Name: "decisions",
		Columns: []string{"id", "decided_on", "title", "outcome", "method", "where", "meeting_id", "explanation", "explained_on",
			"residents_position", "organisation_position", "independent_position", "dissent", "context", "options", "published", "page"},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			return s.db.EachDecision(ctx, gr.Group.ID, func(d *coproduce.Decision) error {
				where := "meeting"
				if d.Outside {
					where = "outside"
				}
				return emit([]string{idValue(d.ID), dateValue(d.DecidedOn), d.Title, d.Outcome, string(d.Method), where, optionalIDText(d.MeetingID),
					d.Explanation, dateValue(d.ExplainedOn), string(d.Positions[coproduce.Residents]), string(d.Positions[coproduce.OrganisationSide]),
					string(d.Positions[coproduce.Independent]), d.Dissent, d.Context, d.Options, yesNo(d.Published),
					s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, "/decisions/"+idValue(d.ID))})
			})
		},
	},
	{
		Name:    "meetings",
		Columns: []string{"id", "starts_at", "title", "minutes", "venue", "visibility", "status", "present", "apologies", "absent", "page"},
		Numeric: map[int]bool{3: true, 7: true, 8: true, 9: true},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			now := s.db.Now()
			return s.db.EachMeeting(ctx, gr.Group.ID, func(m *coproduce.Meeting, c store.AttendanceCounts) error {
				return emit([]string{idValue(m.ID), localTime(m.StartsAt), m.Title, strconv.Itoa(m.Minutes), m.Venue, string(m.Visibility),
					meetingStatus(m, now), strconv.Itoa(c.Present), strconv.Itoa(c.Apologies), strconv.Itoa(c.Absent),
					s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID))})
			})
		},
	},
	{
		Name:    "attendance",
		Columns: []string{"meeting_id", "starts_at", "meeting", "member_id", "member", "constituency", "attendance"},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			return s.db.EachAttendance(ctx, gr.Group.ID, func(a store.AttendanceRow) error {
				name := a.MemberName
				if name == "" {
					name = tr("member.former")
				}
				return emit([]string{idValue(a.Meeting.ID), localTime(a.Meeting.StartsAt), a.Meeting.Title, idValue(a.MemberID), name,
					string(a.Constituency), string(a.Status)})
			})
		},
	},
	{
		Name: "requests",
		Columns: []string{"id", "asked_on", "question", "asked_by", "asked_of", "due_on", "status", "overdue", "answered_on",
			"answer", "withheld", "withheld_reason"},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			names, err := s.memberNames(ctx, gr.Group.ID)
			if err != nil {
				return err
			}
			now := s.db.Now()
			return s.db.EachInfoRequest(ctx, gr.Group.ID, func(q *coproduce.InfoRequest) error {
				status, of := "open", tr("export.organisation")
				if q.Answered() {
					status = "answered"
				}
				if q.AskedOfMemberID != 0 {
					of = names(q.AskedOfMemberID)
				}
				return emit([]string{idValue(q.ID), dateValue(q.AskedAt), q.Question, names(q.AskedBy), of, dateValue(q.DueAt), status,
					yesNo(q.Overdue(now)), dateValue(q.AnsweredAt), q.Answer, yesNo(q.Withheld), q.WithheldReason})
			})
		},
	},
	{
		Name:    "actions",
		Columns: []string{"id", "added_on", "title", "owner", "due", "status", "overdue", "closed_on", "principle"},
		Numeric: map[int]bool{8: true},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			names, err := s.memberNames(ctx, gr.Group.ID)
			if err != nil {
				return err
			}
			now := s.db.Now()
			return s.db.EachAction(ctx, gr.Group.ID, func(a *coproduce.Action) error {
				owner, principle := "", ""
				if a.OwnerMemberID != 0 {
					owner = names(a.OwnerMemberID)
				}
				if a.Principle != 0 {
					principle = strconv.Itoa(a.Principle)
				}
				return emit([]string{idValue(a.ID), dateValue(a.CreatedAt), a.Title, owner, dateValue(a.Due), string(a.Status), yesNo(a.Overdue(now)),
					dateValue(a.ClosedAt), principle})
			})
		},
	},
	{
		Name:    "accountability-checks",
		Columns: []string{"id", "decision_id", "decision", "sent_to", "sent_on", "coproduced", "rung", "statement", "status", "outcome", "response", "responded_on", "page"},
		Numeric: map[int]bool{6: true},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			checks, err := s.db.FindAccountabilityChecks(ctx, gr.Group.ID)
			if err != nil {
				return err
			}
			for _, c := range checks {
				if err := emit([]string{idValue(c.ID), idValue(c.DecisionID), c.Evidence.Decision, c.BodyName, dateValue(c.SentOn), string(c.Coproduced),
					strconv.Itoa(int(c.Rung)), c.Statement, string(c.Status()), c.Outcome, c.Response, dateValue(c.RespondedOn),
					s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, "/accountability/"+idValue(c.ID))}); err != nil {
					return err
				}
			}
			return nil
		},
	},
	{
		// Everyone in the group sees the weekly totals; each member sees
		// only their own entries (the next table).
		Name:    "outreach-weeks",
		Columns: []string{"week_starting", "entries", "people", "fed_back"},
		Numeric: map[int]bool{1: true, 2: true, 3: true},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			var week coproduce.OutreachWeek
			flush := func() error {
				if week.Entries == 0 {
					return nil
				}
				return emit([]string{dateValue(week.Week), strconv.Itoa(week.Entries), strconv.Itoa(week.People), strconv.Itoa(week.FedBack)})
			}
			err := s.db.EachOutreach(ctx, gr.Group.ID, 0, func(o *coproduce.Outreach) error {
				if w := coproduce.WeekOf(o.On); !w.Equal(week.Week) {
					if err := flush(); err != nil {
						return err
					}
					week = coproduce.OutreachWeek{Week: w}
				}
				week.Entries++
				week.People += o.People
				if o.FedBackAt != 0 {
					week.FedBack++
				}
				return nil
			})
			if err != nil {
				return err
			}
			return flush()
		},
	},
	{
		Name:    "my-outreach",
		Columns: []string{"id", "on", "method", "people", "themes", "notes", "fed_back"},
		Numeric: map[int]bool{3: true},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			return s.db.EachOutreach(ctx, gr.Group.ID, gr.Member.ID, func(o *coproduce.Outreach) error {
				return emit([]string{idValue(o.ID), dateValue(o.On), o.Method, strconv.Itoa(o.People), o.Themes, o.Notes, yesNo(o.FedBackAt != 0)})
			})
		},
	},
	{
		// Each closed round's share of favourable answers, by principle
		// and side, hidden exactly where the round's results hide it.
		Name:    "health-check",
		Columns: []string{"round", "closed_on", "principle", "principle_name", "side", "share_favourable", "respondents", "hidden"},
		Numeric: map[int]bool{2: true, 5: true, 6: true},
		Rows: func(s *Server, ctx context.Context, gr *groupRequest, emit func([]string) error) error {
			rounds, err := s.db.FindHealthRounds(ctx, gr.Group.ID)
			if err != nil {
				return err
			}
			now := s.db.Now()
			for i := len(rounds) - 1; i >= 0; i-- { // oldest first
				round := rounds[i]
				if !round.Closed(now) {
					continue
				}
				_, perception, err := s.perceptionOf(ctx, round)
				if err != nil {
					return err
				}
				for _, p := range s.framework.Principles {
					pp := perception[p.Number]
					cells := []struct {
						side string
						cell coproduce.PerceptionCell
						ok   bool
					}{{"overall", pp.Overall, true}}
					for _, c := range coproduce.Constituencies {
						cell, ok := pp.ByGroup[c]
						cells = append(cells, struct {
							side string
							cell coproduce.PerceptionCell
							ok   bool
						}{string(c), cell, ok})
					}
					for _, c := range cells {
						if !c.ok || (c.cell.Respondents == 0 && !c.cell.Hidden) {
							continue
						}
						share, n := "", ""
						if !c.cell.Hidden {
							share, n = strconv.FormatFloat(float64(pctOf(c.cell.Share))/100, 'f', -1, 64), strconv.Itoa(c.cell.Respondents)
						}
						if err := emit([]string{round.Title, dateValue(round.ClosesOn), strconv.Itoa(p.Number), p.Name, c.side, share, n, yesNo(c.cell.Hidden)}); err != nil {
							return err
						}
					}
				}
			}
			return nil
		},
	},
}

func exportTableNamed(name string) (*exportTable, bool) {
	for i := range exportTables {
		if exportTables[i].Name == name {
			return &exportTables[i], true
		}
	}
	return nil, false
}

// memberNames returns a function naming the group's members by id.
func (s *Server) memberNames(ctx context.Context, groupID int64) (func(int64) string, error) {
	byID, _, err := s.groupMembers(ctx, groupID)
	if err != nil {
		return nil, err
	}
	return func(id int64) string {
		if m := byID[id]; m != nil {
			return memberName(m)
		}
		return tr("member.former")
	}, nil
}

func localTime(t time.Time) string { return t.In(london).Format("2006-01-02 15:04") }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func optionalIDText(id int64) string {
	if id == 0 {
		return ""
	}
	return idValue(id)
}

type exportView struct {
	*groupRequest
	Tables []string
}

// exportPage lists the group's downloads, for its members.
func (s *Server) exportPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	v := &exportView{groupRequest: gr}
	for _, t := range exportTables {
		v.Tables = append(v.Tables, t.Name)
	}
	s.render(w, r, http.StatusOK, "export", page{Nav: "groups", Data: v})
}

// exportFile streams one table as CSV or XLSX, for the group's members.
func (s *Server) exportFile(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	name, ext, _ := strings.Cut(r.PathValue("file"), ".")
	table, found := exportTableNamed(name)
	if !found || (ext != "csv" && ext != "xlsx") {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-%s.%s"`, gr.Group.Slug, name, s.db.Now().In(london).Format(time.DateOnly), ext))
	w.Header().Set("Cache-Control", "no-store")
	rows := func(emit func([]string) error) error { return table.Rows(s, r.Context(), gr, emit) }
	var err error
	if ext == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		err = writeCSV(w, table.Columns, rows)
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		err = writeXLSXStream(w, tr("export."+name), table.Columns, table.Numeric, rows)
	}
	if err != nil {
		// The file has started: all that can be done is to cut it short,
		// so that it cannot be mistaken for a whole one.
		s.logger.ErrorContext(r.Context(), "export failed part way", "err", err, "table", name)
		panic(http.ErrAbortHandler)
	}
}

// lineBreaks makes every line break in a cell one newline, which the CSV
// writer writes as CRLF: a carriage return on its own (as old Macs wrote
// line breaks) would otherwise be dropped.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// writeCSV writes an RFC 4180 table (CRLF line ends, UTF-8 with a byte
// order mark so spreadsheets read it as UTF-8), each cell made safe from
// being read as a formula, flushing as it goes.
func writeCSV(out io.Writer, header []string, rows func(emit func([]string) error) error) error {
	if _, err := io.WriteString(out, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(out)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	n := 0
	err := rows(func(row []string) error {
		for i, c := range row {
			row[i] = lineBreaks.Replace(safeCell(c))
		}
		if n++; n%500 == 0 {
			cw.Flush()
		}
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeXLSXStream writes one sheet: a bold, frozen header, then the rows
// as they come. Cells in numeric columns holding a number are numbers;
// everything else is a text cell, which a spreadsheet never runs as a
// formula. The spreadsheet library keeps rows past its buffer in a
// temporary file, not in memory.
func writeXLSXStream(out io.Writer, sheet string, header []string, numeric map[int]bool, rows func(emit func([]string) error) error) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	n := 2
	err = rows(func(row []string) error {
		cells := make([]any, len(row))
		for i, c := range row {
			cells[i] = c
			if numeric[i] && c != "" {
				if f, err := strconv.ParseFloat(c, 64); err == nil {
					cells[i] = f
				}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		n++
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(out)
}
