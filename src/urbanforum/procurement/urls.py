from django.urls import path

from urbanforum.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.procurement_list, name="list"),
    path("new/", views.procurement_create, name="create"),
    path("ocds.json", views.ocds_all, name="ocds_all"),
    path("process/<slug:slug>/", views.process_procurement, name="process_procurement"),
    path("<slug:ref>/", views.procurement_detail, name="detail"),
    path("<slug:ref>/edit/", views.procurement_edit, name="edit"),
    path("<slug:ref>/ocds.json", views.procurement_ocds, name="ocds"),
    path("<slug:ref>/join/", views.procurement_join, name="join"),
    path("<slug:ref>/lots/", views.lot_add, name="lot_add"),
    path("<slug:ref>/demand/", views.demand_add, name="demand_add"),
    path("<slug:ref>/criteria/", views.criteria_set, name="criteria"),
    path("<slug:ref>/documents/", views.document_add, name="document_add"),
    path("<slug:ref>/publish/", views.publish, name="publish"),
    path("<slug:ref>/questions/", views.question_ask, name="question_ask"),
    path("<slug:ref>/questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("<slug:ref>/lots/<int:number>/bid/", views.bid_submit, name="bid_submit"),
    # Bids are named by their random public id, never by their primary key.
    path("<slug:ref>/bids/<str:bid_id>/", views.bid_detail, name="bid"),
    path("<slug:ref>/bids/<str:bid_id>/withdraw/", views.bid_withdraw, name="bid_withdraw"),
    path("<slug:ref>/bids/<str:bid_id>/score/", views.bid_score, name="bid_score"),
    path("<slug:ref>/open/", views.bids_open, name="open"),
    path("<slug:ref>/evaluators/", views.evaluator_add, name="evaluator_add"),
    path("<slug:ref>/evaluators/<int:pk>/remove/", views.evaluator_remove, name="evaluator_remove"),
    path("<slug:ref>/declaration/", views.evaluator_declare, name="declare"),
    path("<slug:ref>/conflict/", views.evaluator_declare_conflict, name="declare_conflict"),
    path("<slug:ref>/lots/<int:number>/award/", views.lot_award, name="award"),
    path("<slug:ref>/contracts/<int:pk>/sign/", views.contract_sign, name="contract_sign"),
]
