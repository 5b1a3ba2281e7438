package coproduce

import "testing"

func TestFacilitatorAgreedOnlyByBothSides(t *testing.T) {
	f := &ExternalFacilitator{GroupID: 1, Approvals: map[int64]Constituency{}}
	resident := &Member{ID: 1, GroupID: 1, Constituency: Residents}
	officer := &Member{ID: 2, GroupID: 1, Constituency: OrganisationSide}
	chair := &Member{ID: 3, GroupID: 1, Constituency: Independent, Role: Chair}
	if f.CanApprove(chair) || f.CanApprove(&Member{ID: 4, GroupID: 2, Constituency: Residents}) {
		t.Error("an independent member or a member of another group may approve")
	}
	f.Approvals[resident.ID] = Residents
	f.Approvals[5] = Residents
	if f.Agreed() || f.CanApprove(resident) {
		t.Error("agreed by residents alone, or a resident may approve twice")
	}
	if !f.CanApprove(officer) {
		t.Error("the officer may not approve")
	}
	f.Approvals[officer.ID] = OrganisationSide
	if !f.Agreed() {
		t.Error("not agreed after both sides approved")
	}
}

func TestFacilitatorValidate(t *testing.T) {
	if err := (&ExternalFacilitator{Name: "Ruth Bell", Offers: "mediation"}).Validate(); err != nil {
		t.Error(err)
	}
	if err := (&ExternalFacilitator{Name: " ", Offers: "juggling"}).Validate(); err == nil {
		t.Error("a blank name and an unknown offer were accepted")
	}
}
