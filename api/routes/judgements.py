"""Analyst judgements on entities: merge, split, list, undo (admin keys only), and ``/v1/me``
so that a page can learn its key's role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.deps import GraphDep, Role, require
from graph import judgements
from graph.models import JudgementOut, JudgementResult, MeOut, MergeIn, SplitIn

router = APIRouter(prefix="/v1", tags=["judgements"])
AdminDep = Annotated[Role, Depends(require(Role.ADMIN))]


@router.get("/me", response_model=MeOut)
def me(role: Annotated[Role, Depends(require(Role.READ))]) -> MeOut:
    """The role of the key presented: read, ingest or admin."""
    return MeOut(role=role.name.lower())


@router.post("/entities/{entity_id}/merge", response_model=JudgementResult)
def merge_entities(graph: GraphDep, entity_id: str, body: MergeIn,
                   role: AdminDep) -> JudgementResult:
    """Merge ``other`` into this entity (the survivor): its aliases, mentions, claims and roles
    move here and ``other`` disappears. Recorded as a judgement that can be undone."""
    j = judgements.merge(graph, entity_id, body.other, reason=body.reason,
                         role=role.name.lower())
    return JudgementResult(judgement=j)


@router.post("/entities/{entity_id}/split", response_model=JudgementResult)
def split_entity(graph: GraphDep, entity_id: str, body: SplitIn,
                 role: AdminDep) -> JudgementResult:
    """Move one alias (every mention written so) or one mention, with the claims said under
    it, to a new entity. Recorded as a judgement that can be undone."""
    j = judgements.split(graph, entity_id, alias=body.alias, mention=body.mention,
                         reason=body.reason, role=role.name.lower())
    return JudgementResult(judgement=j, new_entity_id=j.new_entity_id)


@router.get("/entities/{entity_id}/judgements", response_model=list[JudgementOut])
def list_judgements(graph: GraphDep, entity_id: str, role: AdminDep) -> list[JudgementOut]:
    """Judgements naming this entity, newest first, undone ones included."""
    return judgements.list_for(graph, entity_id)


@router.post("/judgements/{judgement_id}/undo", response_model=JudgementResult)
def undo_judgement(graph: GraphDep, judgement_id: str, role: AdminDep) -> JudgementResult:
    """Restore exactly the graph the judgement replaced (later judgements on the same entities
    must be undone first)."""
    return JudgementResult(judgement=judgements.undo(graph, judgement_id,
                                                     role=role.name.lower()))
