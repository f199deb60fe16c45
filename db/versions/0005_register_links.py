"""the register across years: the officer's word on an "asked before" link, and on whether the reply reaches
each sub-point

Revision ID: 0005_register_links
Revises: 0004_originals_and_corrections
Create Date: 2027-01-12 00:30:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0005_register_links'
down_revision = '0004_originals_and_corrections'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('recommendation_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('earlier_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('made_by', sa.String(length=100), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['earlier_id'], ['recommendation.id'], name=op.f('fk_recommendation_link_earlier_id_recommendation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_link_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_link')),
    sa.UniqueConstraint('recommendation_id', 'earlier_id', name=op.f('uq_recommendation_link_recommendation_id_earlier_id'))
    )
    with op.batch_alter_table('recommendation_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_link_earlier_id'), ['earlier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_link_recommendation_id'), ['recommendation_id'], unique=False)

    with op.batch_alter_table('sub_point', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sub_point', schema=None) as batch_op:
        batch_op.drop_column('status')
    with op.batch_alter_table('recommendation_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_link_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_link_earlier_id'))
    op.drop_table('recommendation_link')
