"""The centre schools of a campaign: each kept as its checked fact file (YAML, the form `junheng export` writes),
from which the campaign's 宣传方案, each school's scheme, the 标语横幅清单 and the print sheet are made.

Revision ID: r0003
Revises: r0002
"""
import sqlalchemy as sa
from alembic import op

revision = "r0003"
down_revision = "r0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "centres",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("campaign_id", "name", name="uq_centres_campaign_name"),
    )


def downgrade():
    op.drop_table("centres")
