"""documents keep their original bytes and a title; meetings say which stage they are for; recommendations
and reply passages say whether the reader or the officer made them; what the officer set aside is kept

Revision ID: 0004_originals_and_corrections
Revises: 0003_bodies_and_settings
Create Date: 2026-12-07 00:30:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0004_originals_and_corrections'
down_revision = '0003_bodies_and_settings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('set_aside',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('made_by', sa.String(length=100), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['cycle.id'], name=op.f('fk_set_aside_cycle_id_cycle'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_set_aside'))
    )
    with op.batch_alter_table('set_aside', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_set_aside_cycle_id'), ['cycle_id'], unique=False)

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('media_type', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('title', sa.String(length=300), nullable=True))

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('for_stage', sa.String(length=60), nullable=True))

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=20), nullable=False, server_default='reader'))

    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=20), nullable=False, server_default='reader'))


def downgrade() -> None:
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_column('origin')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_column('origin')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('for_stage')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('title')
        batch_op.drop_column('media_type')
        batch_op.drop_column('original')
    with op.batch_alter_table('set_aside', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_set_aside_cycle_id'))
    op.drop_table('set_aside')
